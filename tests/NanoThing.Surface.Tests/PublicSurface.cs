using Microsoft.CodeAnalysis;

namespace NanoThing.Surface.Tests;

/// <summary>
/// The documentation-comment IDs of what code outside an assembly can use, by the listings' rules
/// (nanoframework-api/README.md): public types (nested too) and their public members, protected members
/// unless the type is sealed; implicit default constructors of classes and structs (C# allows <c>new S()</c>);
/// no accessors, no delegate members.
/// </summary>
public static class PublicSurface
{
    /// <summary>The visible doc IDs declared in <paramref name="container"/> and below.</summary>
    public static IEnumerable<string> DocIds(INamespaceOrTypeSymbol container)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (string id in DocIds(ns)) yield return id;
                continue;
            }

            if (!IsVisible(member, container)) continue;
            yield return member.GetDocumentationCommentId()!;
            if (member is INamedTypeSymbol type)
            {
                foreach (string id in DocIds(type)) yield return id;
            }
        }
    }

    private static bool IsVisible(ISymbol member, INamespaceOrTypeSymbol container)
    {
        if (member.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)) return false;
        if (member.IsImplicitlyDeclared && !(member is IMethodSymbol { MethodKind: MethodKind.Constructor } && container is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct })) return false;
        if (member is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.StaticConstructor or MethodKind.Destructor }) return false;
        if (container is INamedTypeSymbol { TypeKind: TypeKind.Delegate }) return false;
        return container is not INamedTypeSymbol { IsSealed: true } || member.DeclaredAccessibility == Accessibility.Public;
    }
}
