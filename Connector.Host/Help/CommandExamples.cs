namespace Connector.Host.Help;

/// <summary>The examples each command's --help ends with (the README tour's flows), keyed by command path ("" is the root).</summary>
internal static class CommandExamples
{
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        [""] = """
              connector types                                          # object types and their operations
              connector describe request                               # actions, filterable fields and operators
              connector query request --filter "status eq pending"     # a table on a terminal, JSON lines in a pipe
              connector query request --filter "status eq pending" --max 3 | connector exec request APPROVE --set template_id=TL-0042-0000-0000-01
              connector sandbox                                        # a sandbox kept between commands (export what it prints)
              connector account add prod --url https://api.connect.cloudblue.com/public/v1 < key.txt
            """,
        ["types"] = """
              connector types
              connector types --operation APPROVE                      # the object types that have an APPROVE action
              connector types --json
            """,
        ["describe"] = """
              connector describe request                               # operations, actions, filterable fields with operators
              connector describe case --json
            """,
        ["schema"] = """
              connector schema request APPROVE --role input            # what an APPROVE document may hold
              connector schema request QUERY                           # the records a query prints
              connector schema usage_chunk DOWNLOAD                    # a file: {"contentType":"BINARY"}
            """,
        ["get"] = """
              connector get product PRD-0042-0000-0000
              connector get request PR-0042-0000-0001-001 --fields id,status,asset.id -o table
              echo PRD-0042-0000-0000 | connector get product          # ids (or JSON documents with an id) on stdin
              connector get product PRD-NOPE --fail-missing            # a missing id is an error (exit 1), not an empty success
              connector get product_item PRD-0042-0000-0000-0001 --parent PRD-0042-0000-0000
            """,
        ["query"] = """
              connector query request --filter "status eq pending" --max 10
              connector query request --filter "status in pending,inquiring" --sort -created -o csv > requests.csv
              connector query case --filter "subject ilike *printer*"     # like/ilike: * matches any text (not %)
              connector query asset --filter "product.id eq PRD-0042-0000-0000" --count
              connector query request --filter "status eq pending" --filter "status eq approved" --any
              connector query request --where '{"and":[{"field":"status","op":"in","values":["pending","approved"]}]}'
              connector query product_item --parent PRD-0042-0000-0000 --fields id,mpn,name -o xlsx > items.xlsx
              connector --dry-run query request --filter "status eq pending"   # print the request and its RQL, send nothing
            """,
        ["create"] = """
              connector create case --set subject="Printer on fire" --set description="It smokes" --set priority=1 --set type=technical
              connector create usage_report --set name="March usage" --set product.id=PRD-0042-0000-0000 --set contract.id=CRD-0042-0000-0000 \
                --set period.from=2023-03-01 --set period.to=2023-03-31 --set currency=USD
              connector create conversation_message --parent CO-0042-0000-0000 --set text="We are on it"    # reply in a request's conversation
              connector create tier_account_request --in requests.ndjson --parallelism 8
            """,
        ["update"] = """
              connector update case --id CA-0042-0000-0000 --set subject="Printer fixed"
              # mark a parameter of a request as wrong (then INQUIRE asks the customer to fix it):
              connector update request --id PR-0042-0000-0001-001 --set 'asset.params=[{"id":"PRM-0042-0000-0119-01","value_error":"Use your company subdomain"}]'
            """,
        ["delete"] = """
              connector delete usage_record --id UR-0042-0000-0001
              connector query usage_record --filter "status eq invalid" | connector delete usage_record
            """,
        ["exec"] = """
              # approve pending requests with an activation template:
              connector query request --filter "status eq pending" --max 3 | connector exec request APPROVE --set template_id=TL-0042-0000-0000-01
              # ask for a fix: flag the parameter, then INQUIRE with an inquire template:
              connector update request --id PR-0042-0000-0001-001 --set 'asset.params=[{"id":"PRM-0042-0000-0119-01","value_error":"Use your company subdomain"}]'
              connector exec request INQUIRE --id PR-0042-0000-0001-001 --set template_id=TL-0042-0000-0000-02
              # answer a helpdesk case: resolve it (a pending case), or ask the customer for more first (it is pending again once they answer):
              echo '{"id":"CA-0042-0000-0000"}' | connector exec case RESOLVE
              connector exec case INQUIRE --id CA-0042-0000-0003
              # usage: upload a spreadsheet, submit the report; download a chunk (named by its id, extension kept):
              connector exec usage_report UPLOAD --id UF-0042-0000-0200 --file usage.xlsx
              connector exec usage_report SUBMIT --id UF-0042-0000-0200
              connector exec usage_chunk DOWNLOAD --id UFC-0042-0000-0001 --out chunks/
              connector --dry-run exec request APPROVE --id PR-0042-0000-0001-001 --set template_id=TL-0042-0000-0000-01
            """,
        ["api"] = """
              connector api GET /requests/PR-0042-0000-0001-001                  # one object
              connector api GET /requests --query status=pending --query limit=5 # an array: one element per line
              connector api GET /requests --paginate --query 'ordering(created)' | wc -l   # every page, streamed
              connector api GET '/assets?in(status,(active,suspended))' --paginate --fields id,status -o csv
              echo '{"subject":"Printer on fire","description":"It smokes","priority":1,"type":"technical"}' | connector api POST /helpdesk/cases --body -
              connector api POST /requests/PR-0042-0000-0001-001/approve --body '{"template_id":"TL-0042-0000-0000-01"}' --dry-run
              connector api PUT /helpdesk/cases/CA-0042-0000-0000 --body @case.json
            """,
        ["test-connection"] = """
              connector --account prod test-connection                 # a saved account ('connector account add')
              CONNECT_API_URL=https://api.connect.cloudblue.com/public/v1 CONNECT_API_KEY="$(cat ~/.connect-key)" connector test-connection
            """,
        ["sandbox"] = """
              connector sandbox                                        # prints CONNECT_API_URL=... and CONNECT_API_KEY=...
              export $(connector sandbox --port 8787 | head -2)        # in another shell: keep one sandbox for several commands
              connector sandbox --seed 7 --records 1000
              curl -X POST http://127.0.0.1:8787/_sandbox/reset          # its data back as seeded, without a restart
            """,
        ["designer"] = """
              connector designer                                       # opens the designer page on the embedded sandbox
              connector --account prod designer --port 8080 --no-open
            """,
        ["usage-file"] = """
              connector usage-file PRD-0042-0000-0000 --out usage.xlsx --rows 5
            """,
        ["completion"] = """
              source <(connector completion bash)                      # bash, now
              connector completion zsh > "${fpath[1]}/_connector"      # zsh, for every shell
              connector completion pwsh | Out-String | Invoke-Expression
            """,
        ["account"] = """
              connector account add prod --url https://api.connect.cloudblue.com/public/v1 < key.txt
              connector account list
              connector account use prod
              connector --account test query request --max 5
              connector account remove test
            """,
        ["account add"] = """
              connector account add prod --url https://api.connect.cloudblue.com/public/v1            # asks for the key (not shown)
              connector account add test --url https://api.connect.cloudblue.com/public/v1 < key.txt  # or reads it from stdin
            """,
        ["account list"] = """
              connector account list
            """,
        ["account use"] = """
              connector account use prod
            """,
        ["account remove"] = """
              connector account remove test
            """,
    };

    /// <summary>The examples of a command ("query", "account add"), or null.</summary>
    public static string? For(string commandPath) => Examples.GetValueOrDefault(commandPath);

    /// <summary>Every command path with examples.</summary>
    public static IEnumerable<string> Paths => Examples.Keys;
}
