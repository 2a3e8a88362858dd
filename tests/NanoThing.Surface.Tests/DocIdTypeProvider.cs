using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Decodes metadata signatures into the type syntax of documentation-comment IDs (ECMA-334 annex D, as
/// Roslyn writes them): <c>System.Int32[]</c>, <c>N.List{System.Int32}</c>, <c>`0</c>/<c>``0</c> for type/method
/// generic parameters, <c>@</c> for by-ref, <c>*</c> for pointers; custom modifiers are dropped.
/// </summary>
internal sealed class DocIdTypeProvider : ISignatureTypeProvider<string, object?>
{
    public static readonly DocIdTypeProvider Instance = new();

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        PrimitiveTypeCode.IntPtr => "System.IntPtr",
        PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
        _ => "System." + typeCode,
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(reader, handle);

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape) =>
        elementType + "[" + string.Join(",", Enumerable.Range(0, shape.Rank).Select(i =>
            (i < shape.LowerBounds.Length ? shape.LowerBounds[i].ToString() : "0") + ":" + (i < shape.Sizes.Length ? shape.Sizes[i].ToString() : ""))) + "]";

    public string GetByReferenceType(string elementType) => elementType + "@";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        // "N.Outer`1.Inner`1" with arguments [A, B] -> "N.Outer{A}.Inner{B}"
        var result = new System.Text.StringBuilder();
        int next = 0;
        foreach (string part in genericType.Split('.'))
        {
            if (result.Length > 0) result.Append('.');
            int tick = part.IndexOf('`');
            if (tick < 0 || !int.TryParse(part[(tick + 1)..], out int arity))
            {
                result.Append(part);
                continue;
            }

            result.Append(part, 0, tick).Append('{').Append(string.Join(",", typeArguments.Skip(next).Take(arity))).Append('}');
            next += arity;
        }

        return result.ToString();
    }

    public string GetGenericTypeParameter(object? genericContext, int index) => "`" + index;

    public string GetGenericMethodParameter(object? genericContext, int index) => "``" + index;

    public string GetFunctionPointerType(MethodSignature<string> signature) => "method " + signature.ReturnType;

    /// <summary>Namespace-qualified name of a type reference; nested types joined with '.', as in doc IDs.</summary>
    public static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
    {
        TypeReference type = reader.GetTypeReference(handle);
        string name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return TypeName(reader, (TypeReferenceHandle)type.ResolutionScope) + "." + name;
        }

        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Namespace-qualified name of a type defined in the module itself.</summary>
    public static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        string name = reader.GetString(type.Name);
        TypeDefinitionHandle declaring = type.GetDeclaringType();
        if (!declaring.IsNil) return TypeName(reader, declaring) + "." + name;
        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
