using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Reads, from a compiled assembly's metadata, every external type (TypeRef) and member (MemberRef) it uses,
/// including what the compiler lowered the source into (string concatenation overloads, foreach's
/// GetEnumerator/MoveNext/Dispose, lock's Monitor.Enter/Exit, attributes it emitted). Members of generic
/// instantiations are named by their generic definition (<c>M:N.List`1.Add(`0)</c>), as doc IDs are.
/// </summary>
public static class ExternalReferenceReader
{
    /// <summary>The external references of the assembly file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<ExternalReference> Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>The external references of the PE image in <paramref name="peImage"/>, sorted by ID, without duplicates.</summary>
    public static IReadOnlyList<ExternalReference> Read(Stream peImage)
    {
        using var pe = new PEReader(peImage, PEStreamOptions.LeaveOpen);
        MetadataReader reader = pe.GetMetadataReader();
        var found = new Dictionary<string, ExternalReference>(StringComparer.Ordinal);
        foreach (TypeReferenceHandle handle in reader.TypeReferences)
        {
            string id = "T:" + DocIdTypeProvider.TypeName(reader, handle);
            found.TryAdd(id, new ExternalReference(id));
        }

        foreach (MemberReferenceHandle handle in reader.MemberReferences)
        {
            ExternalReference? reference = Describe(reader, reader.GetMemberReference(handle));
            if (reference != null) found.TryAdd(reference.DocId + "|" + reference.MethodDocId, reference);
        }

        return found.Values.OrderBy(r => r.DocId, StringComparer.Ordinal).ToList();
    }

    private static ExternalReference? Describe(MetadataReader reader, MemberReference member)
    {
        string? container = ContainerName(reader, member.Parent);
        if (container == null) return null;
        string name = reader.GetString(member.Name);
        if (member.GetKind() == MemberReferenceKind.Field) return new ExternalReference("F:" + container + "." + name);

        MethodSignature<string> signature = member.DecodeMethodSignature(DocIdTypeProvider.Instance, null);
        string parameters = signature.ParameterTypes.Length == 0 ? "" : "(" + string.Join(",", signature.ParameterTypes) + ")";
        string methodName = name.Replace('.', '#');
        string arity = signature.GenericParameterCount > 0 ? "``" + signature.GenericParameterCount : "";
        string conversion = name is "op_Implicit" or "op_Explicit" ? "~" + signature.ReturnType : "";
        string methodId = "M:" + container + "." + methodName + arity + parameters + conversion;
        return AccessorOwner(container, name, signature) is string owner ? new ExternalReference(owner, methodId) : new ExternalReference(methodId);
    }

    /// <summary>P:/E: ID when the name has the shape of a property or event accessor, else null.</summary>
    private static string? AccessorOwner(string container, string name, MethodSignature<string> signature)
    {
        if (name.StartsWith("get_", StringComparison.Ordinal)) return PropertyId(container, name[4..], signature.ParameterTypes);
        if (name.StartsWith("set_", StringComparison.Ordinal) && signature.ParameterTypes.Length > 0)
        {
            return PropertyId(container, name[4..], signature.ParameterTypes.RemoveAt(signature.ParameterTypes.Length - 1));
        }

        if (name.StartsWith("add_", StringComparison.Ordinal)) return "E:" + container + "." + name[4..];
        if (name.StartsWith("remove_", StringComparison.Ordinal)) return "E:" + container + "." + name[7..];
        return null;
    }

    private static string PropertyId(string container, string name, IReadOnlyCollection<string> indexParameters) =>
        "P:" + container + "." + name + (indexParameters.Count == 0 ? "" : "(" + string.Join(",", indexParameters) + ")");

    /// <summary>The doc-ID name of an external member's declaring type; null for members of this module's own types.</summary>
    private static string? ContainerName(MetadataReader reader, EntityHandle parent)
    {
        switch (parent.Kind)
        {
            case HandleKind.TypeReference:
                return DocIdTypeProvider.TypeName(reader, (TypeReferenceHandle)parent);
            case HandleKind.TypeSpecification:
                BlobReader blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
                if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
                {
                    blob.ReadSignatureTypeCode(); // class or valuetype
                    EntityHandle generic = blob.ReadTypeHandle();
                    return generic.Kind == HandleKind.TypeReference ? DocIdTypeProvider.TypeName(reader, (TypeReferenceHandle)generic) : null;
                }

                // arrays (multidimensional array Get/Set/Address/.ctor) and other constructed types: name them as written
                return reader.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(DocIdTypeProvider.Instance, null);
            default:
                return null; // MethodDefinition (vararg call site), ModuleReference, TypeDefinition: not external
        }
    }
}
