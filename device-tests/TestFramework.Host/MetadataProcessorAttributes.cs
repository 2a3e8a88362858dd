using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Reflection;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Which custom-attribute arguments nanoFramework's MetadataProcessor (v3.0.100,
    /// MetadataProcessor.Shared/Tables/nanoSignaturesTable.cs, WriteAttributeArgumentValue, lines 636-722) can write
    /// into a .pe file; README.md beside this file lists the rules with their source lines. An argument it cannot encode
    /// either fails the build (null string, null type, null array, a plain object parameter) or is written without a
    /// value (enums, typed arrays), so that MethodInfo.GetCustomAttributes() throws on the device and the
    /// UnitTestLauncher stops without running the remaining tests and exits 0.
    /// </summary>
    internal static class MetadataProcessorAttributes
    {
        /// <summary>
        /// Attributes MetadataProcessor leaves out of the attribute table (nanoTablesContext.cs lines 19-67,
        /// IgnoringAttributes, applied by IsAttribute at lines 308-314): their arguments are never encoded.
        /// </summary>
        internal static readonly HashSet<string> Ignored = new HashSet<string>(StringComparer.Ordinal)
        {
            "System.Reflection.AssemblyFileVersionAttribute",
            "System.Runtime.InteropServices.ComVisibleAttribute",
            "System.Runtime.InteropServices.GuidAttribute",
            "System.ParamArrayAttribute",
            "System.SerializableAttribute",
            "System.NonSerializedAttribute",
            "System.Runtime.InteropServices.StructLayoutAttribute",
            "System.Runtime.InteropServices.LayoutKind",
            "System.Runtime.InteropServices.OutAttribute",
            "System.Runtime.CompilerServices.ExtensionAttribute",
            "System.Runtime.CompilerServices.MethodImplAttribute",
            "System.Runtime.CompilerServices.NullableAttribute",
            "System.Runtime.CompilerServices.NullableContextAttribute",
            "System.Runtime.CompilerServices.InternalsVisibleToAttribute",
            "System.Runtime.CompilerServices.IndexerNameAttribute",
            "System.Runtime.CompilerServices.MethodImplOptions",
            "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
            "System.Reflection.FieldNoReflectionAttribute",
            "System.Diagnostics.DebuggableAttribute",
            "System.Diagnostics.DebuggerBrowsableAttribute",
            "System.Diagnostics.DebuggerBrowsableState",
            "System.Diagnostics.DebuggerHiddenAttribute",
            "System.Diagnostics.DebuggerNonUserCodeAttribute",
            "System.Diagnostics.DebuggerStepThroughAttribute",
            "System.Diagnostics.DebuggerDisplayAttribute",
            "System.AttributeUsageAttribute",
            "System.CLSCompliantAttribute",
            "System.FlagsAttribute",
            "System.ObsoleteAttribute",
            "System.Diagnostics.ConditionalAttribute",
            "System.ComponentModel.EditorBrowsableAttribute",
            "System.Reflection.DefaultMemberAttribute",
            "System.MTAThreadAttribute",
            "System.STAThreadAttribute",
        };

        /// <summary>Element types with a branch in WriteAttributeArgumentValue (nanoSignaturesTable.cs lines 641-700).</summary>
        private static readonly HashSet<Type> Primitives = new HashSet<Type>
        {
            typeof(bool), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
            typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(char),
        };

        /// <summary>The attributes MetadataProcessor writes: those of every type, field (but constants) and method (nanoTablesContext.cs lines 149-167).</summary>
        public static IEnumerable<(string Owner, CustomAttributeData Attribute)> Written(Assembly assembly)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (Type type in assembly.GetTypes())
            {
                foreach (CustomAttributeData a in Kept(type.GetCustomAttributesData())) yield return (type.Name, a);
                foreach (FieldInfo f in type.GetFields(all))
                {
                    if (f.IsLiteral) continue;
                    foreach (CustomAttributeData a in Kept(f.GetCustomAttributesData())) yield return (type.Name + "." + f.Name, a);
                }

                foreach (MethodBase m in Methods(type, all))
                {
                    foreach (CustomAttributeData a in Kept(m.GetCustomAttributesData())) yield return (type.Name + "." + m.Name, a);
                }
            }
        }

        /// <summary>"Class.Method: [DataRow] argument 2 ...: why MetadataProcessor cannot encode it; what to do" for each argument it cannot encode.</summary>
        public static IEnumerable<string> Unencodable(Assembly assembly)
        {
            foreach ((string owner, CustomAttributeData attribute) in Written(assembly))
            {
                string name = "[" + ShortName(attribute.AttributeType) + "]";
                IList<CustomAttributeTypedArgument> arguments = attribute.ConstructorArguments;
                ParameterInfo[] parameters = attribute.Constructor.GetParameters();
                bool expanded = arguments.Count == 1 && parameters[0].ParameterType == typeof(object[]) && arguments[0].Value is ReadOnlyCollection<CustomAttributeTypedArgument>;
                if (expanded)
                {
                    arguments = (ReadOnlyCollection<CustomAttributeTypedArgument>)arguments[0].Value; // params object[] (DataRow): number the arguments as written
                }

                for (int i = 0; i < arguments.Count; i++)
                {
                    string why = WhyNot(arguments[i], expanded ? null : parameters[i].ParameterType);
                    if (why != null) yield return $"{owner}: {name} argument {i + 1} {why}";
                }

                foreach (CustomAttributeNamedArgument named in attribute.NamedArguments)
                {
                    Type declared = named.MemberInfo is FieldInfo f ? f.FieldType : ((PropertyInfo)named.MemberInfo).PropertyType;
                    string why = WhyNot(named.TypedValue, declared);
                    if (why != null) yield return $"{owner}: {name} {named.MemberName} = {why}";
                }
            }
        }

        /// <summary>
        /// Null when MetadataProcessor writes the argument, else what it is and what happens to it. <paramref name="declared"/>
        /// is the parameter's (or field's, property's) type; null for an element of an object[], which is written by its own type.
        /// </summary>
        private static string WhyNot(CustomAttributeTypedArgument argument, Type declared)
        {
            if (declared == typeof(object))
            {
                return "is typed object outside a params object[]: MetadataProcessor throws \"Unsupported type\" (DATATYPE_OBJECT has no branch), so the build fails; use a typed parameter";
            }

            Type type = argument.ArgumentType;
            object value = argument.Value;
            if (type.IsEnum)
            {
                return $"is the enum value {type.Name}.{Enum.ToObject(type, value)}: MetadataProcessor writes no value for an enum, so on the device "
                    + "GetCustomAttributes() throws and the launcher stops silently (exit code 0) without running the remaining tests; "
                    + $"pass (int){type.Name}.{Enum.ToObject(type, value)} to an int parameter, or write a test method per value";
            }

            if (Primitives.Contains(type)) return null;
            if (type == typeof(string))
            {
                return value != null ? null
                    : "is null: MetadataProcessor puts the argument into its string table, which takes no null "
                    + "(ArgumentNullException), so the build fails; write a separate test method for the null case";
            }

            if (type == typeof(Type))
            {
                return value != null ? null : "is a null Type: MetadataProcessor writes the type's full name and fails on null; pass a type";
            }

            if (type == typeof(object[]))
            {
                if (value == null) return "is a null object[]: MetadataProcessor reads its length and fails; pass the elements";
                foreach (CustomAttributeTypedArgument element in (ReadOnlyCollection<CustomAttributeTypedArgument>)value)
                {
                    string why = WhyNot(element, null);
                    if (why != null) return "holds an element that " + why;
                }

                return null;
            }

            return $"is of type {type.Name}: MetadataProcessor encodes only bool, integers, float, double, char, string, Type and object[] "
                + "and writes nothing for anything else, so the attribute is malformed on the device; pass one of those";
        }

        private static IEnumerable<CustomAttributeData> Kept(IList<CustomAttributeData> attributes)
        {
            foreach (CustomAttributeData a in attributes)
            {
                if (!Ignored.Contains(a.AttributeType.FullName) && !(a.AttributeType.DeclaringType != null && Ignored.Contains(a.AttributeType.DeclaringType.FullName)))
                {
                    yield return a;
                }
            }
        }

        private static IEnumerable<MethodBase> Methods(Type type, BindingFlags flags)
        {
            foreach (ConstructorInfo c in type.GetConstructors(flags)) yield return c;
            foreach (MethodInfo m in type.GetMethods(flags)) yield return m;
        }

        private static string ShortName(Type attributeType) =>
            attributeType.Name.EndsWith("Attribute", StringComparison.Ordinal) ? attributeType.Name.Substring(0, attributeType.Name.Length - "Attribute".Length) : attributeType.Name;
    }
}
