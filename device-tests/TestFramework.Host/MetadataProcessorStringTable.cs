using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The string table nanoFramework's MetadataProcessor (v3.0.100) builds for an assembly, computed from the
    /// compiled assembly: each distinct string costs its UTF-8 length + 1 (nanoStringTable.cs lines 88-110), and the
    /// offsets are 16-bit, so the table must stay within 65,535 bytes ("String table overflow ... Can't use so many
    /// strings", line 106). The strings are those MetadataProcessor's first pass stores (the .pe is written once before
    /// minimizing, and minimizing only drops unused ones, so this pass is the one that must fit): assembly reference
    /// names, type reference namespaces and names, member reference names (nanoTablesContext.cs lines 209-214), type
    /// definition namespaces and names, field names but constants', method names (nanoTypeDefinitionTable.cs lines
    /// 102-105, 184, 208, 302), string literals (CodeWriter.cs line 118), string and type arguments and named-argument
    /// names of the attributes it writes (nanoSignaturesTable.cs lines 621, 628, 695, 720), the assembly name
    /// (nanoAssemblyBuilder.cs line 1067) and the empty string (nanoStringTable.cs line 70). Parameter names are not
    /// stored. Names that are in MetadataProcessor's table of about 860 predefined strings (nanoStringsConstants.cs:
    /// ".ctor", "System", "ToString"...) cost nothing there but are counted here: the figure is an upper bound.
    /// </summary>
    internal sealed class MetadataProcessorStringTable
    {
        /// <summary>MetadataProcessor's limit: string offsets are 16-bit.</summary>
        public const int Limit = ushort.MaxValue;

        /// <summary>
        /// What this runner allows: 48 KB (49,152 bytes), three quarters of the limit. The figure is an upper bound (for
        /// the five device-test assemblies it is 858-1,157 bytes above the tables MetadataProcessor wrote into their .pe
        /// files; README.md), so the margin is not for measurement error: the 16 KB left above it are more than twice the
        /// strings of the largest test class (ShadowClientTests, 6.8 KB), so no single change can go from "allowed here"
        /// to "overflow in Visual Studio", where nothing else checks. Past it, split the test assembly by concern.
        /// </summary>
        public const int Allowed = 48 * 1024;

        private readonly HashSet<string> _strings = new HashSet<string>(StringComparer.Ordinal);

        private MetadataProcessorStringTable()
        {
        }

        /// <summary>Bytes the table takes.</summary>
        public int Bytes { get; private set; }

        /// <summary>Distinct strings.</summary>
        public int Count => _strings.Count;

        /// <summary>Bytes of the string literals (ldstr) alone, counted where a literal is not also a name.</summary>
        public int LiteralBytes { get; private set; }

        /// <summary>Reads the table's strings from <paramref name="assembly"/>'s file and its attributes.</summary>
        public static MetadataProcessorStringTable Of(Assembly assembly)
        {
            if (string.IsNullOrEmpty(assembly.Location)) throw new ArgumentException($"{assembly.GetName().Name} has no file to read its metadata from; load it from a file");
            var table = new MetadataProcessorStringTable();
            table.Add(string.Empty);
            using (var stream = File.OpenRead(assembly.Location))
            using (var pe = new PEReader(stream))
            {
                MetadataReader md = pe.GetMetadataReader();
                table.Add(md.GetString(md.GetAssemblyDefinition().Name));
                foreach (AssemblyReferenceHandle h in md.AssemblyReferences) table.Add(md.GetString(md.GetAssemblyReference(h).Name));
                foreach (TypeReferenceHandle h in md.TypeReferences)
                {
                    TypeReference t = md.GetTypeReference(h);
                    table.Add(md.GetString(t.Namespace));
                    table.Add(md.GetString(t.Name));
                }

                foreach (MemberReferenceHandle h in md.MemberReferences) table.Add(md.GetString(md.GetMemberReference(h).Name));
                foreach (TypeDefinitionHandle h in md.TypeDefinitions)
                {
                    TypeDefinition t = md.GetTypeDefinition(h);
                    if (md.GetString(t.Name) == "<Module>") continue;
                    table.Add(md.GetString(t.Namespace));
                    table.Add(md.GetString(t.Name));
                    foreach (FieldDefinitionHandle f in t.GetFields())
                    {
                        FieldDefinition field = md.GetFieldDefinition(f);
                        if ((field.Attributes & System.Reflection.FieldAttributes.Literal) == 0) table.Add(md.GetString(field.Name));
                    }

                    foreach (MethodDefinitionHandle m in t.GetMethods()) table.Add(md.GetString(md.GetMethodDefinition(m).Name));
                }

                int namesOnly = table.Bytes;
                for (UserStringHandle h = MetadataTokens.UserStringHandle(1); !h.IsNil; h = md.GetNextHandle(h))
                {
                    table.Add(md.GetUserString(h));
                }

                table.LiteralBytes = table.Bytes - namesOnly;
            }

            foreach ((_, CustomAttributeData attribute) in MetadataProcessorAttributes.Written(assembly))
            {
                foreach (CustomAttributeTypedArgument a in attribute.ConstructorArguments) table.AddArgument(a);
                foreach (CustomAttributeNamedArgument a in attribute.NamedArguments)
                {
                    table.Add(a.MemberName);
                    table.AddArgument(a.TypedValue);
                }
            }

            return table;
        }

        private void AddArgument(CustomAttributeTypedArgument argument)
        {
            if (argument.Value is string s) Add(s);
            else if (argument.Value is Type t) Add(t.FullName?.Replace('+', '/') ?? t.Name); // Cecil's FullName: Outer/Nested
            else if (argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> elements)
            {
                foreach (CustomAttributeTypedArgument e in elements) AddArgument(e);
            }
        }

        private void Add(string value)
        {
            if (_strings.Add(value)) Bytes += Encoding.UTF8.GetByteCount(value) + 1;
        }
    }
}
