# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_opsgate_global_optspecs
    string join \n db= as= o/output= server= target= binding= demo h/help V/version
end

function __fish_opsgate_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_opsgate_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_opsgate_using_subcommand
    set -l cmd (__fish_opsgate_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c opsgate -n "__fish_opsgate_needs_command" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_needs_command" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_needs_command" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_needs_command" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_needs_command" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_needs_command" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_needs_command" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "ask" -d 'Answer a question from the data and runbooks; never writes'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "plan" -d 'Turn a request into a stored plan of guarded actions (writes nothing)'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "dry-run" -d 'Simulate a plan: run its SQL in a transaction that is rolled back'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "execute" -d 'Execute a planned action after confirmation, a token or approvals'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "approve" -d 'Review and sign pending actions that need a second person'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "reject" -d 'Reject a pending action'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "history" -d 'My plans and actions with their status (everyone\'s with ops.audit.view)'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "show" -d 'Show a stored plan or action'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "actions" -d 'List the action catalog, or show one action with its schema'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "seed" -d 'Seed the database (RBAC roles, permissions, default alert rules and config)'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "audit" -d 'Query, verify, checkpoint, prove and export the hash-chained audit log'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "playbook" -d 'Validate and run YAML playbooks (suggest-only unless explicitly allowed)'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "pack" -d 'Validate, add, list, show and remove packs: a team\'s HTTP APIs as actions'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "policy" -d 'Apply, show and test the policy rules that tighten what the guard allows'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "staff" -d 'Manage staff members, their roles and keys'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "agent" -d 'Manage registered AI agents (tier, rate limit, token budget)'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "worker" -d 'Execute approved actions queued for background execution'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "serve" -d 'Serve opsgate to people and programs over HTTPS, every request signed (team mode)'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "docs" -d 'Index and search runbooks'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "alerts" -d 'Evaluate alert rules'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "mcp" -d 'Serve opsgate\'s guarded actions to AI clients over MCP (stdio)'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "target" -d 'Check the back office against the pack\'s tables and columns; write a starting binding'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "demo" -d 'Manage the demo database'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c opsgate -n "__fish_opsgate_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l planner -d 'The planner [default: ops_config `planner`, else rules]' -r -f -a "rules\t'Offline, deterministic intent matching and slot extraction (default)'
openai\t'Any OpenAI-compatible endpoint (OPENAI_BASE_URL, OPENAI_API_KEY): OpenAI, Ollama, vLLM, llama.cpp'
anthropic\t'Anthropic (ANTHROPIC_API_KEY)'
gemini\t'Google Gemini (GEMINI_API_KEY)'"
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l model -d 'The model name for LLM planners' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l agent -d 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l max-steps -d 'At most this many read steps for an LLM planner\'s agentic loop' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand ask" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -l planner -d 'The planner [default: ops_config `planner`, else rules]' -r -f -a "rules\t'Offline, deterministic intent matching and slot extraction (default)'
openai\t'Any OpenAI-compatible endpoint (OPENAI_BASE_URL, OPENAI_API_KEY): OpenAI, Ollama, vLLM, llama.cpp'
anthropic\t'Anthropic (ANTHROPIC_API_KEY)'
gemini\t'Google Gemini (GEMINI_API_KEY)'"
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -l model -d 'The model name for LLM planners' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -l agent -d 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand plan" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -l planner -d 'The planner [default: ops_config `planner`, else rules]' -r -f -a "rules\t'Offline, deterministic intent matching and slot extraction (default)'
openai\t'Any OpenAI-compatible endpoint (OPENAI_BASE_URL, OPENAI_API_KEY): OpenAI, Ollama, vLLM, llama.cpp'
anthropic\t'Anthropic (ANTHROPIC_API_KEY)'
gemini\t'Google Gemini (GEMINI_API_KEY)'"
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -l model -d 'The model name for LLM planners' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -l agent -d 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand dry-run" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l token -d 'The confirmation token printed by `plan` or `dry-run` (required without a terminal)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l totp -d 'A TOTP code, for actions that need a second factor' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l settle -d 'With --recover: settle a pack action whose outcome is unknown, after checking the API yourself (`a42=succeeded` or `a42=failed`; audited)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l planner -d 'The planner [default: ops_config `planner`, else rules]' -r -f -a "rules\t'Offline, deterministic intent matching and slot extraction (default)'
openai\t'Any OpenAI-compatible endpoint (OPENAI_BASE_URL, OPENAI_API_KEY): OpenAI, Ollama, vLLM, llama.cpp'
anthropic\t'Anthropic (ANTHROPIC_API_KEY)'
gemini\t'Google Gemini (GEMINI_API_KEY)'"
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l model -d 'The model name for LLM planners' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l agent -d 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l queue -d 'Queue an approved action for `opsgate worker` instead of running it here'
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l recover -d 'Settle actions whose runner died mid-run instead of executing anything (as `worker --recover`): a write on another database is looked up there by its key'
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand execute" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -l totp -d 'A TOTP code, for actions that need a second factor (asked on a terminal otherwise)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -l list -d 'List pending actions I may approve'
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -l yes -d 'Approve without the interactive confirmation (the second factor is still required)'
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand approve" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -l reason -d 'Why it is rejected (signed and recorded in the audit log)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand reject" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l status -d 'Only actions with this status (e.g. pending_approval, succeeded)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l action -d 'Only this action (e.g. bookings.refund)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l since -d 'From this time on (RFC 3339, a date, or a duration ago like 7d)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l until -d 'Before this time' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l limit -d 'At most this many entries' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l all -d 'Everyone\'s history, not only mine (needs ops.audit.view)'
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand history" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand show" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand show" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand show" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand show" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand show" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand show" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand show" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand show" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -l mine -d 'Only the actions I may run (needs the database to know who I am)'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Show one action with its parameter schema, permission, risk and needs'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from show" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from show" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from show" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from show" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from show" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from show" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one action with its parameter schema, permission, risk and needs'
complete -c opsgate -n "__fish_opsgate_using_subcommand actions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -f -a "rbac" -d 'Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config. Idempotent: a second run changes nothing and says so'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and not __fish_seen_subcommand_from rbac help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -l file -d 'The seed file [default: the built-in seeds/rbac.yaml]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -l test-staff -d 'Also create one staff member per role (<role>@example.com), each with a fresh Ed25519 key whose private half goes to the config directory (0600)'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from rbac" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from help" -f -a "rbac" -d 'Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config. Idempotent: a second run changes nothing and says so'
complete -c opsgate -n "__fish_opsgate_using_subcommand seed; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -f -a "query" -d 'Show audit entries, oldest first (the newest --limit of those matching)'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -f -a "verify" -d 'Recompute the hash chain; exit 1 and name the first broken entry if it does not verify'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -f -a "checkpoint" -d 'Sign a checkpoint of the log\'s Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -f -a "key" -d 'Print the log key checkpoints are signed with, as a signed-note verifier key'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -f -a "prove" -d 'Print an inclusion proof of an entry, or a consistency proof between two tree sizes'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -f -a "export" -d 'Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and not __fish_seen_subcommand_from query verify checkpoint key prove export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l actor -d 'Entries by this actor (an e-mail, agent name or os:<user>)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l subject -d 'Entries on behalf of this person (e-mail)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l event -d 'Entries of this event; a trailing * matches a prefix (e.g. `token.*`)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l action -d 'Entries about this action id' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l status -d 'Entries with this status (e.g. succeeded, denied, failed)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l since -d 'From this time on: RFC 3339, a date (YYYY-MM-DD) or a duration ago (30m, 24h, 7d)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l until -d 'Before this time (same forms as --since)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l limit -d 'At most this many entries (the newest); default 50 for tables, all for jsonl' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l format -d 'jsonl: one JSON object per line, for export (overrides --output)' -r -f -a "jsonl\t''"
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -l checkpoint -d 'Also check the log against a checkpoint kept elsewhere (a file, or - for stdin): truncated, rewritten or recomputed history exits 1, a malformed checkpoint 2, a bad signature 5' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -l key -d 'The verifier key the checkpoint must be signed by (`audit key` prints it); default: this instance\'s' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -l since-checkpoint -d 'Read only the entries after the checkpoint: the log up to it is vouched for by the checkpoint recorded here when it was made (matching the kept one); fast on a long log'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from key" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from key" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from key" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from key" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from key" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from key" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from key" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from key" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -l consistency -d 'Instead, prove that the tree of this many entries is a prefix of the tree of --size' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -l size -d 'The tree size to prove against (default: the whole log now)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from prove" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -l format -d 'jsonl: the entries as `audit query` shows them; cloudevents: CloudEvents 1.0 JSON, type dev.opsgate.audit.<event>' -r -f -a "jsonl\t''
cloudevents\t''"
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "query" -d 'Show audit entries, oldest first (the newest --limit of those matching)'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Recompute the hash chain; exit 1 and name the first broken entry if it does not verify'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "checkpoint" -d 'Sign a checkpoint of the log\'s Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "key" -d 'Print the log key checkpoints are signed with, as a signed-note verifier key'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "prove" -d 'Print an inclusion proof of an entry, or a consistency proof between two tree sizes'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries'
complete -c opsgate -n "__fish_opsgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -f -a "validate" -d 'Check a playbook\'s schema and templates; errors as file:line:col: message'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -f -a "run" -d 'Run a playbook (suggest-only unless the file and --allow-execute both allow more)'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and not __fish_seen_subcommand_from validate run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from validate" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from validate" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from validate" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from validate" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from validate" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from validate" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -l var -d 'Set a playbook variable (repeatable)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -l agent -d 'Run as this registered AI agent acting for the person (its tier and budgets apply)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -l allow-execute -d 'Allow execute mode, when the file also says `allow_execute: true`'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check a playbook\'s schema and templates; errors as file:line:col: message'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a playbook (suggest-only unless the file and --allow-execute both allow more)'
complete -c opsgate -n "__fish_opsgate_using_subcommand playbook; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -f -a "validate" -d 'Check a pack file without a database: every problem as file:line:col'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -f -a "add" -d 'Store a pack and create its permissions (needs system.admin; audited with its SHA-256)'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -f -a "list" -d 'The added packs'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -f -a "show" -d 'One added pack, exactly as added'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -f -a "remove" -d 'Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and not __fish_seen_subcommand_from validate add list show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from validate" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from validate" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from validate" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from validate" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from validate" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from validate" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -l replace -d 'Replace an added pack of the same name'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from list" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from list" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from list" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from list" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from list" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from show" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from show" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from show" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from show" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from show" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from show" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from remove" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from remove" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from remove" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from remove" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from remove" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from remove" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check a pack file without a database: every problem as file:line:col'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from help" -f -a "add" -d 'Store a pack and create its permissions (needs system.admin; audited with its SHA-256)'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from help" -f -a "list" -d 'The added packs'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from help" -f -a "show" -d 'One added pack, exactly as added'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied'
complete -c opsgate -n "__fish_opsgate_using_subcommand pack; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -f -a "apply" -d 'Check a rule file and put it in force (needs system.admin; audited with its SHA-256)'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -f -a "show" -d 'Print the rules in force, exactly as applied'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -f -a "test" -d 'What the guard would decide for one step under a rule file; writes nothing'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and not __fish_seen_subcommand_from apply show test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from apply" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from apply" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from apply" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from apply" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from apply" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from apply" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from show" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from show" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from show" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from show" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from show" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from show" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l action -d 'The catalog action' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l params -d 'The action\'s parameters, as JSON' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l agent -d 'Decide for this registered agent acting for the person' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l surface -d 'Decide as if the step came through this surface' -r -f -a "cli\t''
playbook\t''
ask\t''
model\t''
worker\t''
mcp\t''
http\t''"
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Check a rule file and put it in force (needs system.admin; audited with its SHA-256)'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the rules in force, exactly as applied'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "test" -d 'What the guard would decide for one step under a rule file; writes nothing'
complete -c opsgate -n "__fish_opsgate_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "list" -d 'List staff members with role, level, status and keys (needs ops.staff.view)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "add" -d 'Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "countersign" -d 'Countersign the enrolment code a colleague issued for EMAIL: it counts only then, whenever a second person with ops.staff.edit exists (needs your key)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "invite" -d 'Issue a one-time enrolment code with which a staff member without a key registers one on their own machine (needs ops.staff.edit; valid 24 h, once)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "set-role" -d 'Plan a change of a staff member\'s role: it needs a second person\'s approval and a second factor, like `staff.set_role` on every surface'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "deactivate" -d 'Plan the deactivation of a staff member: it needs a second person\'s approval and a second factor, like `staff.deactivate` on every surface'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "keygen" -d 'Generate a new Ed25519 signing key for yourself on this machine and register its public half: with your current key (a rotation), or with the enrolment code from `staff invite`; older keys stay registered so that earlier signatures still verify'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "keys" -d 'List registered signing keys (yours, or everyone\'s with ops.staff.view)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "revoke-key" -d 'Revoke a signing key: approvals signed with it no longer count (needs ops.staff.edit, except for your own key)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "totp" -d 'Enroll in TOTP second-factor authentication'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and not __fish_seen_subcommand_from list add countersign invite set-role deactivate keygen keys revoke-key totp help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from list" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from list" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from list" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from list" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from list" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -l name -d 'Their display name' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -l role -d 'Their role (e.g. agent, manager)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -l keygen -d 'Also generate your Ed25519 key on this machine: only when you set up your own first account in an empty database (others get an enrolment code)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from countersign" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from countersign" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from countersign" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from countersign" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from countersign" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from countersign" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from countersign" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from countersign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from countersign" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from invite" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from invite" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from invite" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from invite" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from invite" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from invite" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from invite" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from invite" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from invite" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from set-role" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from set-role" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from set-role" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from set-role" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from set-role" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from set-role" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from set-role" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from set-role" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from set-role" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from deactivate" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from deactivate" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from deactivate" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from deactivate" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from deactivate" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from deactivate" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from deactivate" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from deactivate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from deactivate" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -l code -d 'The enrolment code you were given (when you have no key yet)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keygen" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -l email -d 'Only this person\'s keys' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from keys" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -l reason -d 'Why (recorded in the audit log)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from revoke-key" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -f -a "enroll" -d 'Create a TOTP secret and print its otpauth:// URI (needs your registered private key; replacing a secret needs a current code). It counts once you confirm a first code: asked at once on a terminal, else `staff totp confirm`'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -f -a "confirm" -d 'Activate the secret you enrolled with, given the code your authenticator shows for it (needs your registered private key)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from totp" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "list" -d 'List staff members with role, level, status and keys (needs ops.staff.view)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "countersign" -d 'Countersign the enrolment code a colleague issued for EMAIL: it counts only then, whenever a second person with ops.staff.edit exists (needs your key)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "invite" -d 'Issue a one-time enrolment code with which a staff member without a key registers one on their own machine (needs ops.staff.edit; valid 24 h, once)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "set-role" -d 'Plan a change of a staff member\'s role: it needs a second person\'s approval and a second factor, like `staff.set_role` on every surface'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "deactivate" -d 'Plan the deactivation of a staff member: it needs a second person\'s approval and a second factor, like `staff.deactivate` on every surface'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "keygen" -d 'Generate a new Ed25519 signing key for yourself on this machine and register its public half: with your current key (a rotation), or with the enrolment code from `staff invite`; older keys stay registered so that earlier signatures still verify'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "keys" -d 'List registered signing keys (yours, or everyone\'s with ops.staff.view)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "revoke-key" -d 'Revoke a signing key: approvals signed with it no longer count (needs ops.staff.edit, except for your own key)'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "totp" -d 'Enroll in TOTP second-factor authentication'
complete -c opsgate -n "__fish_opsgate_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -f -a "list" -d 'List registered agents with their limits and today\'s usage'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -f -a "add" -d 'Register an agent'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -f -a "rotate" -d 'Issue the agent a new credential (shown once) and revoke its earlier ones'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -f -a "revoke" -d 'Revoke the agent\'s credentials: its signed requests are refused from now on'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -f -a "disable" -d 'Disable an agent'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and not __fish_seen_subcommand_from list add rotate revoke disable help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from list" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from list" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from list" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from list" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from list" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l model -d 'The model it runs' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l tier -d 'What it may do at most: read, suggest or write' -r -f -a "read\t''
suggest\t''
write\t''"
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l rate-limit -d 'Requests per minute' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l daily-tokens -d 'Tokens per day (midnight to midnight UTC)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l daily-tool-calls -d 'Guarded steps (tool calls) per day, on every surface' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l daily-mutations -d 'Writes it may propose per day, on every surface' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l credential-days -d 'Days its credential (shown once) lasts' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -l credential-days -d 'Days the new credential lasts' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from revoke" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from revoke" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from revoke" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from revoke" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from revoke" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from revoke" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from disable" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from disable" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from disable" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from disable" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from disable" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from disable" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from disable" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "list" -d 'List registered agents with their limits and today\'s usage'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "add" -d 'Register an agent'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Issue the agent a new credential (shown once) and revoke its earlier ones'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke the agent\'s credentials: its signed requests are refused from now on'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable an agent'
complete -c opsgate -n "__fish_opsgate_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l concurrency -d 'Actions executed in parallel' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l poll -d 'Seconds between polls of the queue' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l stale-after -d 'With --recover: claims older than this many seconds are stale even when their process cannot be checked (it ran on another machine)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l checkpoint-file -d 'While running, record audit checkpoints as they fall due (ops_config audit.checkpoint_every_entries / _minutes) and append each to this file' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l once -d 'Process what is queued now, then exit'
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l recover -d 'Resolve stale claims left by a worker that died mid-action, then exit'
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand worker" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l listen -d 'Address and port to listen on (port 0 picks a free one)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l tls-cert -d 'PEM certificate chain: serve HTTPS (with --tls-key)' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l tls-key -d 'PEM private key of the certificate' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l public-url -d 'The URL clients sign their requests for: the load balancer\'s, when several servers stand behind one [default: this server\'s scheme://ADDR:PORT; required when listening on every address]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l trusted-proxy -d 'A proxy in front (repeatable): for requests from it, the client is the last address of its X-Forwarded-For (each client\'s refusals are bounded apart)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l max-in-flight -d 'Requests handled at once; more wait for a slot' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l max-body -d 'Largest request body, in bytes' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l request-timeout -d 'Seconds a request may take to arrive and to wait for a slot' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l checkpoint-file -d 'Append every audit checkpoint recorded while serving to this file (they fall due by ops_config audit.checkpoint_every_entries, default 10000, and _minutes, default 60)' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l insecure-http -d 'Serve plain HTTP on a non-loopback address (a proxy in front terminates TLS)'
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l mcp-allow-elicited-confirm -d 'Let MCP clients confirm confirm-level writes in their form (elicitation), the person typing the target\'s id. Never for approval-level or second-factor actions'
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand serve" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -f -a "add" -d 'Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -f -a "list" -d 'List indexed documents'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -f -a "search" -d 'Search indexed passages; each is cited as path#Lfirst-Llast with a score'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and not __fish_seen_subcommand_from add list search help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from add" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from add" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from add" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from add" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from add" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from add" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from list" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from list" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from list" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from list" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from list" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from list" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -l limit -d 'At most this many passages (1–100)' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "add" -d 'Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "list" -d 'List indexed documents'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "search" -d 'Search indexed passages; each is cited as path#Lfirst-Llast with a score'
complete -c opsgate -n "__fish_opsgate_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -f -a "evaluate" -d 'Evaluate enabled alert rules and open alerts for new conditions (idempotent)'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and not __fish_seen_subcommand_from evaluate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from evaluate" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from evaluate" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from evaluate" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from evaluate" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from evaluate" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from evaluate" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from evaluate" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from evaluate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from evaluate" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "evaluate" -d 'Evaluate enabled alert rules and open alerts for new conditions (idempotent)'
complete -c opsgate -n "__fish_opsgate_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -l agent -d 'The registered AI agent the MCP client acts through; its tier sets the session\'s limits' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -l allow-elicited-confirm -d 'Let the client\'s form confirm a confirm-level write (MCP elicitation): the person types the target\'s id, as on a terminal. Never for approval-level or second-factor actions'
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand mcp" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -f -a "check" -d 'List every table and column the pack needs that the target lacks or types differently, and the actions that are unavailable because of it (exit 1 if any)'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -f -a "seed-rbac" -d 'Converge the target\'s own roles, permissions and grants (and test staff rows with --test-staff) onto the RBAC seed, through the binding, in one transaction'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -f -a "init-binding" -d 'Write a starting binding guessed from the target\'s live schema'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and not __fish_seen_subcommand_from check seed-rbac init-binding help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from check" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from check" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from check" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from check" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from check" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from check" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -l file -d 'The seed file [default: the built-in seeds/rbac.yaml]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -l test-staff -d 'Also create one staff row per role (<role>@example.com) in the target'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from seed-rbac" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -l out -d 'Write it here instead of standard output (refuses to overwrite without --force)' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -l force -d 'Overwrite --out if it exists'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from init-binding" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "check" -d 'List every table and column the pack needs that the target lacks or types differently, and the actions that are unavailable because of it (exit 1 if any)'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "seed-rbac" -d 'Converge the target\'s own roles, permissions and grants (and test staff rows with --test-staff) onto the RBAC seed, through the binding, in one transaction'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "init-binding" -d 'Write a starting binding guessed from the target\'s live schema'
complete -c opsgate -n "__fish_opsgate_using_subcommand target; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -f -a "reset" -d 'Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and not __fish_seen_subcommand_from reset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from reset" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from reset" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from reset" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from reset" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from reset" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from reset" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from reset" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)'
complete -c opsgate -n "__fish_opsgate_using_subcommand demo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand completions" -l db -d 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand completions" -l as -d 'Act as this staff member (e-mail) [env: OPSGATE_USER]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable tables and text'
json\t'One JSON document on stdout'
yaml\t'One YAML document on stdout'
md\t'Markdown: a report to mail or post (playbooks), else the text in a fenced block'"
complete -c opsgate -n "__fish_opsgate_using_subcommand completions" -l server -d 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand completions" -l target -d 'The back office actions run on, when it is not the state database\'s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]' -r
complete -c opsgate -n "__fish_opsgate_using_subcommand completions" -l binding -d 'How the pack\'s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]' -r -F
complete -c opsgate -n "__fish_opsgate_using_subcommand completions" -l demo -d 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
complete -c opsgate -n "__fish_opsgate_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c opsgate -n "__fish_opsgate_using_subcommand completions" -s V -l version -d 'Print version'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "ask" -d 'Answer a question from the data and runbooks; never writes'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "plan" -d 'Turn a request into a stored plan of guarded actions (writes nothing)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "dry-run" -d 'Simulate a plan: run its SQL in a transaction that is rolled back'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "execute" -d 'Execute a planned action after confirmation, a token or approvals'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "approve" -d 'Review and sign pending actions that need a second person'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "reject" -d 'Reject a pending action'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "history" -d 'My plans and actions with their status (everyone\'s with ops.audit.view)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "show" -d 'Show a stored plan or action'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "actions" -d 'List the action catalog, or show one action with its schema'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "seed" -d 'Seed the database (RBAC roles, permissions, default alert rules and config)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "audit" -d 'Query, verify, checkpoint, prove and export the hash-chained audit log'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "playbook" -d 'Validate and run YAML playbooks (suggest-only unless explicitly allowed)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "pack" -d 'Validate, add, list, show and remove packs: a team\'s HTTP APIs as actions'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "policy" -d 'Apply, show and test the policy rules that tighten what the guard allows'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "staff" -d 'Manage staff members, their roles and keys'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "agent" -d 'Manage registered AI agents (tier, rate limit, token budget)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "worker" -d 'Execute approved actions queued for background execution'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "serve" -d 'Serve opsgate to people and programs over HTTPS, every request signed (team mode)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "docs" -d 'Index and search runbooks'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "alerts" -d 'Evaluate alert rules'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "mcp" -d 'Serve opsgate\'s guarded actions to AI clients over MCP (stdio)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "target" -d 'Check the back office against the pack\'s tables and columns; write a starting binding'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "demo" -d 'Manage the demo database'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and not __fish_seen_subcommand_from ask plan dry-run execute approve reject history show actions seed audit playbook pack policy staff agent worker serve docs alerts mcp target demo completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from actions" -f -a "show" -d 'Show one action with its parameter schema, permission, risk and needs'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from seed" -f -a "rbac" -d 'Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config. Idempotent: a second run changes nothing and says so'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "query" -d 'Show audit entries, oldest first (the newest --limit of those matching)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Recompute the hash chain; exit 1 and name the first broken entry if it does not verify'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "checkpoint" -d 'Sign a checkpoint of the log\'s Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "key" -d 'Print the log key checkpoints are signed with, as a signed-note verifier key'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "prove" -d 'Print an inclusion proof of an entry, or a consistency proof between two tree sizes'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from playbook" -f -a "validate" -d 'Check a playbook\'s schema and templates; errors as file:line:col: message'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from playbook" -f -a "run" -d 'Run a playbook (suggest-only unless the file and --allow-execute both allow more)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from pack" -f -a "validate" -d 'Check a pack file without a database: every problem as file:line:col'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from pack" -f -a "add" -d 'Store a pack and create its permissions (needs system.admin; audited with its SHA-256)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from pack" -f -a "list" -d 'The added packs'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from pack" -f -a "show" -d 'One added pack, exactly as added'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from pack" -f -a "remove" -d 'Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "apply" -d 'Check a rule file and put it in force (needs system.admin; audited with its SHA-256)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "show" -d 'Print the rules in force, exactly as applied'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "test" -d 'What the guard would decide for one step under a rule file; writes nothing'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "list" -d 'List staff members with role, level, status and keys (needs ops.staff.view)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "add" -d 'Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "countersign" -d 'Countersign the enrolment code a colleague issued for EMAIL: it counts only then, whenever a second person with ops.staff.edit exists (needs your key)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "invite" -d 'Issue a one-time enrolment code with which a staff member without a key registers one on their own machine (needs ops.staff.edit; valid 24 h, once)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "set-role" -d 'Plan a change of a staff member\'s role: it needs a second person\'s approval and a second factor, like `staff.set_role` on every surface'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "deactivate" -d 'Plan the deactivation of a staff member: it needs a second person\'s approval and a second factor, like `staff.deactivate` on every surface'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "keygen" -d 'Generate a new Ed25519 signing key for yourself on this machine and register its public half: with your current key (a rotation), or with the enrolment code from `staff invite`; older keys stay registered so that earlier signatures still verify'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "keys" -d 'List registered signing keys (yours, or everyone\'s with ops.staff.view)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "revoke-key" -d 'Revoke a signing key: approvals signed with it no longer count (needs ops.staff.edit, except for your own key)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "totp" -d 'Enroll in TOTP second-factor authentication'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "list" -d 'List registered agents with their limits and today\'s usage'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "add" -d 'Register an agent'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "rotate" -d 'Issue the agent a new credential (shown once) and revoke its earlier ones'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "revoke" -d 'Revoke the agent\'s credentials: its signed requests are refused from now on'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "disable" -d 'Disable an agent'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "add" -d 'Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "list" -d 'List indexed documents'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "search" -d 'Search indexed passages; each is cited as path#Lfirst-Llast with a score'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "evaluate" -d 'Evaluate enabled alert rules and open alerts for new conditions (idempotent)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from target" -f -a "check" -d 'List every table and column the pack needs that the target lacks or types differently, and the actions that are unavailable because of it (exit 1 if any)'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from target" -f -a "seed-rbac" -d 'Converge the target\'s own roles, permissions and grants (and test staff rows with --test-staff) onto the RBAC seed, through the binding, in one transaction'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from target" -f -a "init-binding" -d 'Write a starting binding guessed from the target\'s live schema'
complete -c opsgate -n "__fish_opsgate_using_subcommand help; and __fish_seen_subcommand_from demo" -f -a "reset" -d 'Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)'
