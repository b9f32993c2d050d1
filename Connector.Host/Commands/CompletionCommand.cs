using System.CommandLine;

namespace Connector.Host.Commands;

/// <summary>
/// <c>connector completion bash|zsh|pwsh</c>: prints a shell completion script. The scripts ask the command line
/// itself what may come next (System.CommandLine's <c>[suggest:POSITION]</c> directive), so commands, flags, object
/// types and actions complete from the descriptor in use.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # connector completion for bash. Load it now:      source <(connector completion bash)
        # or for every shell:                              connector completion bash > ~/.local/share/bash-completion/completions/connector
        _connector_complete()
        {
            local line="${COMP_LINE#*[[:space:]]}"
            [[ "$line" == "$COMP_LINE" ]] && line=""
            local position=$(( COMP_POINT - ${#COMP_LINE} + ${#line} ))
            (( position < 0 )) && position=0
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$(connector "[suggest:${position}]" "${line}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _connector_complete connector
        """;

    private const string Zsh = """
        #compdef connector
        # connector completion for zsh. Load it now:       source <(connector completion zsh)
        # or save it as _connector in a folder of $fpath.
        _connector()
        {
            local line="${BUFFER#* }"
            [[ "$line" == "$BUFFER" ]] && line=""
            local position=$(( CURSOR - ${#BUFFER} + ${#line} ))
            (( position < 0 )) && position=0
            local -a completions
            completions=("${(@f)$(connector "[suggest:${position}]" "${line}" 2>/dev/null)}")
            compadd -a completions
        }
        compdef _connector connector
        """;

    private const string Pwsh = """
        # connector completion for PowerShell. Load it now: connector completion pwsh | Out-String | Invoke-Expression
        # or add that line to your $PROFILE.
        Register-ArgumentCompleter -Native -CommandName connector -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $text = $commandAst.ToString()
            $skip = $commandAst.CommandElements[0].Extent.EndOffset - $commandAst.Extent.StartOffset + 1
            $line = if ($text.Length -gt $skip) { $text.Substring($skip) } else { '' }
            $position = [Math]::Max(0, $cursorPosition - $commandAst.Extent.StartOffset - $skip)
            connector "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;

    public static Command Create(HostConsole console)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or pwsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = new Command("completion", "Print a shell completion script (commands, flags, object types, actions).") { shell };
        command.SetAction(async (result, ct) =>
        {
            var script = result.GetValue(shell) switch
            {
                "zsh" => Zsh,
                "pwsh" => Pwsh,
                _ => Bash,
            };
            await console.Out.WriteLineAsync(script.ReplaceLineEndings("\n")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
