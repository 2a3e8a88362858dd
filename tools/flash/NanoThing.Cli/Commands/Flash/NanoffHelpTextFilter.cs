namespace NanoThing.Cli.Commands.Flash;

/// <summary>
/// Keeps nanoff's help text out of the flash output. Run with <c>--networkdeployment</c> and no other operation, nanoff
/// 2.5.162 first prints "No operation was performed with the options supplied." with its whole help text
/// (Program.cs:816-819 DisplayNoOperationMessage, :865-883) and then deploys anyway (:840-860): read as it is, that
/// looks like a failure. The filter replaces that block by one explanatory line. The block ends with
/// CommandLineParser's automatic "--version" option (always the last option listed); should a line of nanoff's
/// deployment progress or failures come first, the block is taken to have ended there, so nothing nanoff reports
/// about the deployment is hidden. Feed every line in order; one filter per nanoff run.
/// </summary>
public sealed class NanoffHelpTextFilter
{
    public const string NoOperationLine = "No operation was performed with the options supplied.";
    public const string Note = "(nanoff printed its usage text here: given only --networkdeployment it reports that no operation was requested, then deploys anyway; not an error)";

    private static readonly string[] DeploymentPrefixes = ["Device connected", "Updating ", "Deploying ", "Error ", "Exception ", "Cannot find any", "Unhandled exception"];

    private bool _inHelpText;

    /// <summary>The lines to show for <paramref name="line"/>: itself, nothing (inside the help text), or the note.</summary>
    public IEnumerable<string> Accept(string line)
    {
        string trimmed = line.Trim();
        if (_inHelpText)
        {
            if (trimmed.StartsWith("--version", StringComparison.Ordinal))
            {
                _inHelpText = false;
                return [];
            }

            if (!DeploymentPrefixes.Any(prefix => trimmed.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return [];
            }

            _inHelpText = false;
            return [line];
        }

        if (trimmed == NoOperationLine)
        {
            _inHelpText = true;
            return [Note];
        }

        return [line];
    }
}
