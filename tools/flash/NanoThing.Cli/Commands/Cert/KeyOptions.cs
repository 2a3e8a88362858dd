using System.CommandLine;
using NanoThing.Cli.Identity;

namespace NanoThing.Cli.Commands.Cert;

/// <summary>The <c>--key-type</c> option shared by <c>cert create</c> and <c>cert csr</c>.</summary>
internal static class KeyOptions
{
    public static Option<string> KeyType()
    {
        var option = new Option<string>("--key-type")
        {
            Description = "Key algorithm: ecdsa-p256 (default) or rsa-2048.",
            DefaultValueFactory = _ => KeyTypeNames.EcdsaP256,
        };
        option.AcceptOnlyFromAmong(KeyTypeNames.All);
        return option;
    }
}
