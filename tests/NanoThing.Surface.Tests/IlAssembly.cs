using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NanoThing.Surface.Tests;

/// <summary>One IL instruction: its opcode, and what its token operand names (a method, field or type), if any.</summary>
/// <param name="Offset">Byte offset in the method body.</param>
/// <param name="OpCode">The opcode.</param>
/// <param name="Int">The integer operand (ldc.i4 forms, branch targets as absolute offsets), else 0.</param>
/// <param name="Target">The doc-ID-like name of a method, field or type operand ("N.T.M(System.Int32)", "N.T.F", "System.String"), else null.</param>
/// <param name="Callee">A method operand defined in this assembly, else null.</param>
/// <param name="Pops">Stack slots the instruction pops (-1: pops everything, e.g. leave).</param>
/// <param name="Pushes">Stack slots the instruction pushes.</param>
public sealed record IlInstruction(int Offset, OpCode OpCode, int Int, string? Target, IlMethod? Callee, int Pops, int Pushes)
{
    public override string ToString() => OpCode.Name + (Target == null ? "" : " " + Target);
}

/// <summary>A method defined in the assembly, with its decoded body (empty for abstract and extern methods).</summary>
public sealed class IlMethod
{
    internal IlMethod(string type, string name, string parameters, MethodDefinitionHandle handle, MethodAttributes attributes, TypeDefinitionHandle declaringType)
    {
        Type = type;
        Name = name;
        Parameters = parameters;
        Handle = handle;
        Attributes = attributes;
        DeclaringType = declaringType;
    }

    /// <summary>Namespace-qualified declaring type ("NanoThing.Core.Json.JsonReader", nested: "N.Outer.Inner").</summary>
    public string Type { get; }

    /// <summary>The method's name (".ctor", ".cctor", "get_Length", "Read").</summary>
    public string Name { get; }

    /// <summary>The parameter types, comma-separated, doc-ID style.</summary>
    public string Parameters { get; }

    /// <summary>"Type.Name(Parameters)": how messages and the tests' lists name a method.</summary>
    public string FullName => Type + "." + Name + "(" + Parameters + ")";

    internal MethodDefinitionHandle Handle { get; }

    internal MethodAttributes Attributes { get; }

    internal TypeDefinitionHandle DeclaringType { get; }

    /// <summary>The instructions, in order.</summary>
    public IReadOnlyList<IlInstruction> Body { get; internal set; } = Array.Empty<IlInstruction>();

    public override string ToString() => FullName;
}

/// <summary>
/// The methods of a compiled assembly (here: Core's host build) with their IL decoded, for checks that only the
/// compiled code can answer: which opcodes a method executes and which of the assembly's own methods it calls.
/// Calls through an interface or virtual method of the assembly resolve to every implementation in it.
/// </summary>
public sealed class IlAssembly
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Dictionary<MethodDefinitionHandle, IlMethod> _byHandle = new();
    private readonly Dictionary<string, IlMethod> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<TypeDefinitionHandle, List<TypeDefinitionHandle>> _implementers = new();

    private IlAssembly(Stream peImage)
    {
        using var pe = new PEReader(peImage, PEStreamOptions.LeaveOpen | PEStreamOptions.PrefetchEntireImage);
        MetadataReader reader = pe.GetMetadataReader();
        foreach (TypeDefinitionHandle typeHandle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(typeHandle);
            string typeName = DocIdTypeProvider.TypeName(reader, typeHandle);
            foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
            {
                AddImplementer(reader.GetInterfaceImplementation(i).Interface, typeHandle);
            }

            if (!type.BaseType.IsNil)
            {
                AddImplementer(type.BaseType, typeHandle);
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                var il = new IlMethod(typeName, reader.GetString(method.Name), Parameters(method.DecodeSignature(DocIdTypeProvider.Instance, null)), methodHandle, method.Attributes, typeHandle);
                _byHandle.Add(methodHandle, il);
                _byName[il.FullName] = il;
            }
        }

        foreach (IlMethod method in _byHandle.Values)
        {
            int rva = reader.GetMethodDefinition(method.Handle).RelativeVirtualAddress;
            if (rva != 0)
            {
                method.Body = Decode(reader, pe.GetMethodBody(rva).GetILBytes()!);
            }
        }
    }

    /// <summary>Every method defined in the assembly.</summary>
    public IEnumerable<IlMethod> Methods => _byHandle.Values;

    /// <summary>Reads the assembly file at <paramref name="path"/>.</summary>
    public static IlAssembly Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return new IlAssembly(stream);
    }

    /// <summary>Reads the PE image in <paramref name="peImage"/>.</summary>
    public static IlAssembly Read(Stream peImage) => new(peImage);

    /// <summary>The method called <paramref name="fullName"/> ("N.T.M(System.Int32)"), or null.</summary>
    public IlMethod? Find(string fullName) => _byName.GetValueOrDefault(fullName);

    /// <summary>
    /// The assembly's methods that <paramref name="instruction"/> may run: its method operand, and for a call to a
    /// virtual or interface method every method with the same name and parameters in a type of this assembly that
    /// implements or derives from the declaring type (transitively).
    /// </summary>
    public IEnumerable<IlMethod> Targets(IlInstruction instruction)
    {
        IlMethod? callee = instruction.Callee;
        if (callee == null) yield break;
        yield return callee;
        if ((callee.Attributes & MethodAttributes.Virtual) == 0) yield break;
        foreach (TypeDefinitionHandle type in Implementers(callee.DeclaringType))
        {
            foreach (IlMethod candidate in _byHandle.Values.Where(m => m.DeclaringType == type && m.Parameters == callee.Parameters))
            {
                // Interface methods implemented privately are named "N.IFace.Method"; public ones by their own name.
                if (candidate.Name == callee.Name || candidate.Name.EndsWith("." + callee.Name, StringComparison.Ordinal)) yield return candidate;
            }
        }
    }

    private IEnumerable<TypeDefinitionHandle> Implementers(TypeDefinitionHandle type)
    {
        var seen = new HashSet<TypeDefinitionHandle>();
        var pending = new Stack<TypeDefinitionHandle>();
        pending.Push(type);
        while (pending.Count > 0)
        {
            foreach (TypeDefinitionHandle t in _implementers.GetValueOrDefault(pending.Pop()) ?? new List<TypeDefinitionHandle>())
            {
                if (seen.Add(t))
                {
                    pending.Push(t);
                    yield return t;
                }
            }
        }
    }

    private void AddImplementer(EntityHandle baseOrInterface, TypeDefinitionHandle type)
    {
        if (baseOrInterface.Kind != HandleKind.TypeDefinition) return;
        var key = (TypeDefinitionHandle)baseOrInterface;
        if (!_implementers.TryGetValue(key, out List<TypeDefinitionHandle>? list)) _implementers[key] = list = new List<TypeDefinitionHandle>();
        list.Add(type);
    }

    private List<IlInstruction> Decode(MetadataReader reader, byte[] il)
    {
        var result = new List<IlInstruction>();
        int pos = 0;
        while (pos < il.Length)
        {
            int offset = pos;
            short value = il[pos++];
            if (value == 0xFE) value = (short)(0xFE00 | il[pos++]);
            OpCode op = OpCodesByValue[value];
            int number = 0;
            string? target = null;
            IlMethod? callee = null;
            int pops = Pops(op);
            int pushes = Pushes(op);
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    number = ShortFormConstant(op);
                    break;
                case OperandType.ShortInlineI:
                    number = op == OpCodes.Ldc_I4_S ? (sbyte)il[pos] : il[pos];
                    pos += 1;
                    break;
                case OperandType.ShortInlineVar:
                    pos += 1;
                    break;
                case OperandType.ShortInlineBrTarget:
                    number = pos + 1 + (sbyte)il[pos];
                    pos += 1;
                    break;
                case OperandType.InlineVar:
                    pos += 2;
                    break;
                case OperandType.InlineI:
                    number = BitConverter.ToInt32(il, pos);
                    pos += 4;
                    break;
                case OperandType.InlineBrTarget:
                    number = pos + 4 + BitConverter.ToInt32(il, pos);
                    pos += 4;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    pos += 8;
                    break;
                case OperandType.ShortInlineR:
                    pos += 4;
                    break;
                case OperandType.InlineSwitch:
                    pos += 4 + 4 * BitConverter.ToInt32(il, pos);
                    break;
                case OperandType.InlineString:
                    target = "\"" + reader.GetUserString((UserStringHandle)MetadataTokens.Handle(BitConverter.ToInt32(il, pos))) + "\"";
                    pos += 4;
                    break;
                case OperandType.InlineSig:
                    pos += 4;
                    break;
                default: // InlineMethod, InlineField, InlineType, InlineTok
                    EntityHandle handle = MetadataTokens.EntityHandle(BitConverter.ToInt32(il, pos));
                    pos += 4;
                    target = Describe(reader, handle, op, ref pops, ref pushes, out callee);
                    break;
            }

            result.Add(new IlInstruction(offset, op, number, target, callee, pops, pushes));
        }

        return result;
    }

    private string Describe(MetadataReader reader, EntityHandle handle, OpCode op, ref int pops, ref int pushes, out IlMethod? callee)
    {
        callee = null;
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                MethodDefinition method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                callee = _byHandle[(MethodDefinitionHandle)handle];
                ApplySignature(method.DecodeSignature(DocIdTypeProvider.Instance, null), op, ref pops, ref pushes);
                return callee.FullName;
            }

            case HandleKind.MemberReference:
            {
                MemberReference member = reader.GetMemberReference((MemberReferenceHandle)handle);
                string owner = Owner(reader, member.Parent);
                string name = reader.GetString(member.Name);
                if (member.GetKind() == MemberReferenceKind.Field) return owner + "." + name;
                MethodSignature<string> signature = member.DecodeMethodSignature(DocIdTypeProvider.Instance, null);
                ApplySignature(signature, op, ref pops, ref pushes);
                return owner + "." + name + "(" + Parameters(signature) + ")";
            }

            case HandleKind.FieldDefinition:
            {
                FieldDefinition field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                return DocIdTypeProvider.TypeName(reader, field.GetDeclaringType()) + "." + reader.GetString(field.Name);
            }

            case HandleKind.TypeDefinition:
                return DocIdTypeProvider.TypeName(reader, (TypeDefinitionHandle)handle);
            case HandleKind.TypeReference:
                return DocIdTypeProvider.TypeName(reader, (TypeReferenceHandle)handle);
            case HandleKind.TypeSpecification:
                return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(DocIdTypeProvider.Instance, null);
            default:
                return handle.Kind.ToString();
        }
    }

    private static string Owner(MetadataReader reader, EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeReference => DocIdTypeProvider.TypeName(reader, (TypeReferenceHandle)parent),
        HandleKind.TypeDefinition => DocIdTypeProvider.TypeName(reader, (TypeDefinitionHandle)parent),
        HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(DocIdTypeProvider.Instance, null),
        _ => parent.Kind.ToString(),
    };

    private static string Parameters(MethodSignature<string> signature) => string.Join(",", signature.ParameterTypes);

    private static void ApplySignature(MethodSignature<string> signature, OpCode op, ref int pops, ref int pushes)
    {
        if (op == OpCodes.Newobj)
        {
            pops = signature.ParameterTypes.Length;
            pushes = 1;
        }
        else if (op == OpCodes.Call || op == OpCodes.Callvirt)
        {
            pops = signature.ParameterTypes.Length + (signature.Header.IsInstance ? 1 : 0);
            pushes = signature.ReturnType == "System.Void" ? 0 : 1;
        }
    }

    private static int ShortFormConstant(OpCode op)
    {
        if (op == OpCodes.Ldc_I4_M1) return -1;
        if (op.Value >= OpCodes.Ldc_I4_0.Value && op.Value <= OpCodes.Ldc_I4_8.Value) return op.Value - OpCodes.Ldc_I4_0.Value;
        return 0;
    }

    private static int Pops(OpCode op) => op.StackBehaviourPop switch
    {
        StackBehaviour.Pop0 => 0,
        StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref => 1,
        StackBehaviour.Pop1_pop1 or StackBehaviour.Popi_pop1 or StackBehaviour.Popi_popi or StackBehaviour.Popi_popi8
            or StackBehaviour.Popi_popr4 or StackBehaviour.Popi_popr8 or StackBehaviour.Popref_pop1 or StackBehaviour.Popref_popi => 2,
        StackBehaviour.Popi_popi_popi or StackBehaviour.Popref_popi_popi or StackBehaviour.Popref_popi_popi8 or StackBehaviour.Popref_popi_popr4
            or StackBehaviour.Popref_popi_popr8 or StackBehaviour.Popref_popi_popref or StackBehaviour.Popref_popi_pop1 => 3,
        _ => -1, // Varpop (calls: from the signature; ret, leave: everything)
    };

    private static int Pushes(OpCode op) => op.StackBehaviourPush switch
    {
        StackBehaviour.Push0 => 0,
        StackBehaviour.Push1_push1 => 2,
        StackBehaviour.Varpush => 0, // calls: from the signature
        _ => 1,
    };
}
