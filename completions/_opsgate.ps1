
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'opsgate' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'opsgate'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'opsgate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Answer a question from the data and runbooks; never writes')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Turn a request into a stored plan of guarded actions (writes nothing)')
            [CompletionResult]::new('dry-run', 'dry-run', [CompletionResultType]::ParameterValue, 'Simulate a plan: run its SQL in a transaction that is rolled back')
            [CompletionResult]::new('execute', 'execute', [CompletionResultType]::ParameterValue, 'Execute a planned action after confirmation, a token or approvals')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Review and sign pending actions that need a second person')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject a pending action')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'My plans and actions with their status (everyone''s with ops.audit.view)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a stored plan or action')
            [CompletionResult]::new('actions', 'actions', [CompletionResultType]::ParameterValue, 'List the action catalog, or show one action with its schema')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Seed the database (RBAC roles, permissions, default alert rules and config)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Query, verify, checkpoint, prove and export the hash-chained audit log')
            [CompletionResult]::new('playbook', 'playbook', [CompletionResultType]::ParameterValue, 'Validate and run YAML playbooks (suggest-only unless explicitly allowed)')
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Validate, add, list, show and remove packs: a team''s HTTP APIs as actions')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Apply, show and test the policy rules that tighten what the guard allows')
            [CompletionResult]::new('staff', 'staff', [CompletionResultType]::ParameterValue, 'Manage staff members, their roles and keys')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Manage registered AI agents (tier, rate limit, token budget)')
            [CompletionResult]::new('worker', 'worker', [CompletionResultType]::ParameterValue, 'Execute approved actions queued for background execution')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve opsgate to people and programs over HTTPS, every request signed (team mode)')
            [CompletionResult]::new('docs', 'docs', [CompletionResultType]::ParameterValue, 'Index and search runbooks')
            [CompletionResult]::new('alerts', 'alerts', [CompletionResultType]::ParameterValue, 'Evaluate alert rules')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve opsgate''s guarded actions to AI clients over MCP (stdio)')
            [CompletionResult]::new('target', 'target', [CompletionResultType]::ParameterValue, 'Check the back office against the pack''s tables and columns; write a starting binding')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Manage the demo database')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;ask' {
            [CompletionResult]::new('--planner', '--planner', [CompletionResultType]::ParameterName, 'The planner [default: ops_config `planner`, else rules]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The model name for LLM planners')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)')
            [CompletionResult]::new('--max-steps', '--max-steps', [CompletionResultType]::ParameterName, 'At most this many read steps for an LLM planner''s agentic loop')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;plan' {
            [CompletionResult]::new('--planner', '--planner', [CompletionResultType]::ParameterName, 'The planner [default: ops_config `planner`, else rules]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The model name for LLM planners')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;dry-run' {
            [CompletionResult]::new('--planner', '--planner', [CompletionResultType]::ParameterName, 'The planner [default: ops_config `planner`, else rules]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The model name for LLM planners')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;execute' {
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'The confirmation token printed by `plan` or `dry-run` (required without a terminal)')
            [CompletionResult]::new('--totp', '--totp', [CompletionResultType]::ParameterName, 'A TOTP code, for actions that need a second factor')
            [CompletionResult]::new('--settle', '--settle', [CompletionResultType]::ParameterName, 'With --recover: settle a pack action whose outcome is unknown, after checking the API yourself (`a42=succeeded` or `a42=failed`; audited)')
            [CompletionResult]::new('--planner', '--planner', [CompletionResultType]::ParameterName, 'The planner [default: ops_config `planner`, else rules]')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The model name for LLM planners')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Queue an approved action for `opsgate worker` instead of running it here')
            [CompletionResult]::new('--recover', '--recover', [CompletionResultType]::ParameterName, 'Settle actions whose runner died mid-run instead of executing anything (as `worker --recover`): a write on another database is looked up there by its key')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;approve' {
            [CompletionResult]::new('--totp', '--totp', [CompletionResultType]::ParameterName, 'A TOTP code, for actions that need a second factor (asked on a terminal otherwise)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List pending actions I may approve')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Approve without the interactive confirmation (the second factor is still required)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;reject' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is rejected (signed and recorded in the audit log)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;history' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only actions with this status (e.g. pending_approval, succeeded)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action (e.g. bookings.refund)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time on (RFC 3339, a date, or a duration ago like 7d)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Before this time')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many entries')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Everyone''s history, not only mine (needs ops.audit.view)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;actions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--mine', '--mine', [CompletionResultType]::ParameterName, 'Only the actions I may run (needs the database to know who I am)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one action with its parameter schema, permission, risk and needs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;actions;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;actions;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one action with its parameter schema, permission, risk and needs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;actions;help;show' {
            break
        }
        'opsgate;actions;help;help' {
            break
        }
        'opsgate;seed' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('rbac', 'rbac', [CompletionResultType]::ParameterValue, 'Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config. Idempotent: a second run changes nothing and says so')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;seed;rbac' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The seed file [default: the built-in seeds/rbac.yaml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--test-staff', '--test-staff', [CompletionResultType]::ParameterName, 'Also create one staff member per role (<role>@example.com), each with a fresh Ed25519 key whose private half goes to the config directory (0600)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;seed;help' {
            [CompletionResult]::new('rbac', 'rbac', [CompletionResultType]::ParameterValue, 'Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config. Idempotent: a second run changes nothing and says so')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;seed;help;rbac' {
            break
        }
        'opsgate;seed;help;help' {
            break
        }
        'opsgate;audit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Show audit entries, oldest first (the newest --limit of those matching)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute the hash chain; exit 1 and name the first broken entry if it does not verify')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Sign a checkpoint of the log''s Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the log key checkpoints are signed with, as a signed-note verifier key')
            [CompletionResult]::new('prove', 'prove', [CompletionResultType]::ParameterValue, 'Print an inclusion proof of an entry, or a consistency proof between two tree sizes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;audit;query' {
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Entries by this actor (an e-mail, agent name or os:<user>)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Entries on behalf of this person (e-mail)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Entries of this event; a trailing * matches a prefix (e.g. `token.*`)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Entries about this action id')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Entries with this status (e.g. succeeded, denied, failed)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time on: RFC 3339, a date (YYYY-MM-DD) or a duration ago (30m, 24h, 7d)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Before this time (same forms as --since)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many entries (the newest); default 50 for tables, all for jsonl')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'jsonl: one JSON object per line, for export (overrides --output)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;audit;verify' {
            [CompletionResult]::new('--checkpoint', '--checkpoint', [CompletionResultType]::ParameterName, 'Also check the log against a checkpoint kept elsewhere (a file, or - for stdin): truncated, rewritten or recomputed history exits 1, a malformed checkpoint 2, a bad signature 5')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The verifier key the checkpoint must be signed by (`audit key` prints it); default: this instance''s')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--since-checkpoint', '--since-checkpoint', [CompletionResultType]::ParameterName, 'Read only the entries after the checkpoint: the log up to it is vouched for by the checkpoint recorded here when it was made (matching the kept one); fast on a long log')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;audit;checkpoint' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;audit;key' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;audit;prove' {
            [CompletionResult]::new('--consistency', '--consistency', [CompletionResultType]::ParameterName, 'Instead, prove that the tree of this many entries is a prefix of the tree of --size')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'The tree size to prove against (default: the whole log now)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;audit;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'jsonl: the entries as `audit query` shows them; cloudevents: CloudEvents 1.0 JSON, type dev.opsgate.audit.<event>')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;audit;help' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Show audit entries, oldest first (the newest --limit of those matching)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute the hash chain; exit 1 and name the first broken entry if it does not verify')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Sign a checkpoint of the log''s Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the log key checkpoints are signed with, as a signed-note verifier key')
            [CompletionResult]::new('prove', 'prove', [CompletionResultType]::ParameterValue, 'Print an inclusion proof of an entry, or a consistency proof between two tree sizes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;audit;help;query' {
            break
        }
        'opsgate;audit;help;verify' {
            break
        }
        'opsgate;audit;help;checkpoint' {
            break
        }
        'opsgate;audit;help;key' {
            break
        }
        'opsgate;audit;help;prove' {
            break
        }
        'opsgate;audit;help;export' {
            break
        }
        'opsgate;audit;help;help' {
            break
        }
        'opsgate;playbook' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a playbook''s schema and templates; errors as file:line:col: message')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a playbook (suggest-only unless the file and --allow-execute both allow more)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;playbook;validate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;playbook;run' {
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'Set a playbook variable (repeatable)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Run as this registered AI agent acting for the person (its tier and budgets apply)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--allow-execute', '--allow-execute', [CompletionResultType]::ParameterName, 'Allow execute mode, when the file also says `allow_execute: true`')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;playbook;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a playbook''s schema and templates; errors as file:line:col: message')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a playbook (suggest-only unless the file and --allow-execute both allow more)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;playbook;help;validate' {
            break
        }
        'opsgate;playbook;help;run' {
            break
        }
        'opsgate;playbook;help;help' {
            break
        }
        'opsgate;pack' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a pack file without a database: every problem as file:line:col')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Store a pack and create its permissions (needs system.admin; audited with its SHA-256)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The added packs')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One added pack, exactly as added')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;pack;validate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;pack;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace an added pack of the same name')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;pack;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;pack;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;pack;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;pack;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a pack file without a database: every problem as file:line:col')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Store a pack and create its permissions (needs system.admin; audited with its SHA-256)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The added packs')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One added pack, exactly as added')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;pack;help;validate' {
            break
        }
        'opsgate;pack;help;add' {
            break
        }
        'opsgate;pack;help;list' {
            break
        }
        'opsgate;pack;help;show' {
            break
        }
        'opsgate;pack;help;remove' {
            break
        }
        'opsgate;pack;help;help' {
            break
        }
        'opsgate;policy' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Check a rule file and put it in force (needs system.admin; audited with its SHA-256)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the rules in force, exactly as applied')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'What the guard would decide for one step under a rule file; writes nothing')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;policy;apply' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;policy;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;policy;test' {
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'The catalog action')
            [CompletionResult]::new('--params', '--params', [CompletionResultType]::ParameterName, 'The action''s parameters, as JSON')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Decide for this registered agent acting for the person')
            [CompletionResult]::new('--surface', '--surface', [CompletionResultType]::ParameterName, 'Decide as if the step came through this surface')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;policy;help' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Check a rule file and put it in force (needs system.admin; audited with its SHA-256)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the rules in force, exactly as applied')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'What the guard would decide for one step under a rule file; writes nothing')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;policy;help;apply' {
            break
        }
        'opsgate;policy;help;show' {
            break
        }
        'opsgate;policy;help;test' {
            break
        }
        'opsgate;policy;help;help' {
            break
        }
        'opsgate;staff' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List staff members with role, level, status and keys (needs ops.staff.view)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)')
            [CompletionResult]::new('countersign', 'countersign', [CompletionResultType]::ParameterValue, 'Countersign the enrolment code a colleague issued for EMAIL: it counts only then, whenever a second person with ops.staff.edit exists (needs your key)')
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Issue a one-time enrolment code with which a staff member without a key registers one on their own machine (needs ops.staff.edit; valid 24 h, once)')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Plan a change of a staff member''s role: it needs a second person''s approval and a second factor, like `staff.set_role` on every surface')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Plan the deactivation of a staff member: it needs a second person''s approval and a second factor, like `staff.deactivate` on every surface')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a new Ed25519 signing key for yourself on this machine and register its public half: with your current key (a rotation), or with the enrolment code from `staff invite`; older keys stay registered so that earlier signatures still verify')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'List registered signing keys (yours, or everyone''s with ops.staff.view)')
            [CompletionResult]::new('revoke-key', 'revoke-key', [CompletionResultType]::ParameterValue, 'Revoke a signing key: approvals signed with it no longer count (needs ops.staff.edit, except for your own key)')
            [CompletionResult]::new('totp', 'totp', [CompletionResultType]::ParameterValue, 'Enroll in TOTP second-factor authentication')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;staff;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Their display name')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Their role (e.g. agent, manager)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--keygen', '--keygen', [CompletionResultType]::ParameterName, 'Also generate your Ed25519 key on this machine: only when you set up your own first account in an empty database (others get an enrolment code)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;countersign' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;invite' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;set-role' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;deactivate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;keygen' {
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'The enrolment code you were given (when you have no key yet)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;keys' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Only this person''s keys')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;revoke-key' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;totp' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Create a TOTP secret and print its otpauth:// URI (needs your registered private key; replacing a secret needs a current code). It counts once you confirm a first code: asked at once on a terminal, else `staff totp confirm`')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Activate the secret you enrolled with, given the code your authenticator shows for it (needs your registered private key)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;staff;totp;enroll' {
            [CompletionResult]::new('--totp', '--totp', [CompletionResultType]::ParameterName, 'A current code, when replacing an existing secret')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;totp;confirm' {
            [CompletionResult]::new('--totp', '--totp', [CompletionResultType]::ParameterName, 'The code for the new secret (asked on a terminal when missing)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;staff;totp;help' {
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Create a TOTP secret and print its otpauth:// URI (needs your registered private key; replacing a secret needs a current code). It counts once you confirm a first code: asked at once on a terminal, else `staff totp confirm`')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Activate the secret you enrolled with, given the code your authenticator shows for it (needs your registered private key)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;staff;totp;help;enroll' {
            break
        }
        'opsgate;staff;totp;help;confirm' {
            break
        }
        'opsgate;staff;totp;help;help' {
            break
        }
        'opsgate;staff;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List staff members with role, level, status and keys (needs ops.staff.view)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)')
            [CompletionResult]::new('countersign', 'countersign', [CompletionResultType]::ParameterValue, 'Countersign the enrolment code a colleague issued for EMAIL: it counts only then, whenever a second person with ops.staff.edit exists (needs your key)')
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Issue a one-time enrolment code with which a staff member without a key registers one on their own machine (needs ops.staff.edit; valid 24 h, once)')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Plan a change of a staff member''s role: it needs a second person''s approval and a second factor, like `staff.set_role` on every surface')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Plan the deactivation of a staff member: it needs a second person''s approval and a second factor, like `staff.deactivate` on every surface')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a new Ed25519 signing key for yourself on this machine and register its public half: with your current key (a rotation), or with the enrolment code from `staff invite`; older keys stay registered so that earlier signatures still verify')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'List registered signing keys (yours, or everyone''s with ops.staff.view)')
            [CompletionResult]::new('revoke-key', 'revoke-key', [CompletionResultType]::ParameterValue, 'Revoke a signing key: approvals signed with it no longer count (needs ops.staff.edit, except for your own key)')
            [CompletionResult]::new('totp', 'totp', [CompletionResultType]::ParameterValue, 'Enroll in TOTP second-factor authentication')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;staff;help;list' {
            break
        }
        'opsgate;staff;help;add' {
            break
        }
        'opsgate;staff;help;countersign' {
            break
        }
        'opsgate;staff;help;invite' {
            break
        }
        'opsgate;staff;help;set-role' {
            break
        }
        'opsgate;staff;help;deactivate' {
            break
        }
        'opsgate;staff;help;keygen' {
            break
        }
        'opsgate;staff;help;keys' {
            break
        }
        'opsgate;staff;help;revoke-key' {
            break
        }
        'opsgate;staff;help;totp' {
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Create a TOTP secret and print its otpauth:// URI (needs your registered private key; replacing a secret needs a current code). It counts once you confirm a first code: asked at once on a terminal, else `staff totp confirm`')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Activate the secret you enrolled with, given the code your authenticator shows for it (needs your registered private key)')
            break
        }
        'opsgate;staff;help;totp;enroll' {
            break
        }
        'opsgate;staff;help;totp;confirm' {
            break
        }
        'opsgate;staff;help;help' {
            break
        }
        'opsgate;agent' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List registered agents with their limits and today''s usage')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register an agent')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Issue the agent a new credential (shown once) and revoke its earlier ones')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke the agent''s credentials: its signed requests are refused from now on')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an agent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;agent;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;agent;add' {
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The model it runs')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'What it may do at most: read, suggest or write')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Requests per minute')
            [CompletionResult]::new('--daily-tokens', '--daily-tokens', [CompletionResultType]::ParameterName, 'Tokens per day (midnight to midnight UTC)')
            [CompletionResult]::new('--daily-tool-calls', '--daily-tool-calls', [CompletionResultType]::ParameterName, 'Guarded steps (tool calls) per day, on every surface')
            [CompletionResult]::new('--daily-mutations', '--daily-mutations', [CompletionResultType]::ParameterName, 'Writes it may propose per day, on every surface')
            [CompletionResult]::new('--credential-days', '--credential-days', [CompletionResultType]::ParameterName, 'Days its credential (shown once) lasts')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;agent;rotate' {
            [CompletionResult]::new('--credential-days', '--credential-days', [CompletionResultType]::ParameterName, 'Days the new credential lasts')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;agent;revoke' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;agent;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;agent;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List registered agents with their limits and today''s usage')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register an agent')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Issue the agent a new credential (shown once) and revoke its earlier ones')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke the agent''s credentials: its signed requests are refused from now on')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an agent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;agent;help;list' {
            break
        }
        'opsgate;agent;help;add' {
            break
        }
        'opsgate;agent;help;rotate' {
            break
        }
        'opsgate;agent;help;revoke' {
            break
        }
        'opsgate;agent;help;disable' {
            break
        }
        'opsgate;agent;help;help' {
            break
        }
        'opsgate;worker' {
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Actions executed in parallel')
            [CompletionResult]::new('--poll', '--poll', [CompletionResultType]::ParameterName, 'Seconds between polls of the queue')
            [CompletionResult]::new('--stale-after', '--stale-after', [CompletionResultType]::ParameterName, 'With --recover: claims older than this many seconds are stale even when their process cannot be checked (it ran on another machine)')
            [CompletionResult]::new('--checkpoint-file', '--checkpoint-file', [CompletionResultType]::ParameterName, 'While running, record audit checkpoints as they fall due (ops_config audit.checkpoint_every_entries / _minutes) and append each to this file')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Process what is queued now, then exit')
            [CompletionResult]::new('--recover', '--recover', [CompletionResultType]::ParameterName, 'Resolve stale claims left by a worker that died mid-action, then exit')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on (port 0 picks a free one)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM certificate chain: serve HTTPS (with --tls-key)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of the certificate')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The URL clients sign their requests for: the load balancer''s, when several servers stand behind one [default: this server''s scheme://ADDR:PORT; required when listening on every address]')
            [CompletionResult]::new('--trusted-proxy', '--trusted-proxy', [CompletionResultType]::ParameterName, 'A proxy in front (repeatable): for requests from it, the client is the last address of its X-Forwarded-For (each client''s refusals are bounded apart)')
            [CompletionResult]::new('--max-in-flight', '--max-in-flight', [CompletionResultType]::ParameterName, 'Requests handled at once; more wait for a slot')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest request body, in bytes')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Seconds a request may take to arrive and to wait for a slot')
            [CompletionResult]::new('--checkpoint-file', '--checkpoint-file', [CompletionResultType]::ParameterName, 'Append every audit checkpoint recorded while serving to this file (they fall due by ops_config audit.checkpoint_every_entries, default 10000, and _minutes, default 60)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--insecure-http', '--insecure-http', [CompletionResultType]::ParameterName, 'Serve plain HTTP on a non-loopback address (a proxy in front terminates TLS)')
            [CompletionResult]::new('--mcp-allow-elicited-confirm', '--mcp-allow-elicited-confirm', [CompletionResultType]::ParameterName, 'Let MCP clients confirm confirm-level writes in their form (elicitation), the person typing the target''s id. Never for approval-level or second-factor actions')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;docs' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List indexed documents')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search indexed passages; each is cited as path#Lfirst-Llast with a score')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;docs;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;docs;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;docs;search' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many passages (1–100)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;docs;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List indexed documents')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search indexed passages; each is cited as path#Lfirst-Llast with a score')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;docs;help;add' {
            break
        }
        'opsgate;docs;help;list' {
            break
        }
        'opsgate;docs;help;search' {
            break
        }
        'opsgate;docs;help;help' {
            break
        }
        'opsgate;alerts' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('evaluate', 'evaluate', [CompletionResultType]::ParameterValue, 'Evaluate enabled alert rules and open alerts for new conditions (idempotent)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;alerts;evaluate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;alerts;help' {
            [CompletionResult]::new('evaluate', 'evaluate', [CompletionResultType]::ParameterValue, 'Evaluate enabled alert rules and open alerts for new conditions (idempotent)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;alerts;help;evaluate' {
            break
        }
        'opsgate;alerts;help;help' {
            break
        }
        'opsgate;mcp' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The registered AI agent the MCP client acts through; its tier sets the session''s limits')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--allow-elicited-confirm', '--allow-elicited-confirm', [CompletionResultType]::ParameterName, 'Let the client''s form confirm a confirm-level write (MCP elicitation): the person types the target''s id, as on a terminal. Never for approval-level or second-factor actions')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;target' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'List every table and column the pack needs that the target lacks or types differently, and the actions that are unavailable because of it (exit 1 if any)')
            [CompletionResult]::new('seed-rbac', 'seed-rbac', [CompletionResultType]::ParameterValue, 'Converge the target''s own roles, permissions and grants (and test staff rows with --test-staff) onto the RBAC seed, through the binding, in one transaction')
            [CompletionResult]::new('init-binding', 'init-binding', [CompletionResultType]::ParameterValue, 'Write a starting binding guessed from the target''s live schema')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;target;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;target;seed-rbac' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The seed file [default: the built-in seeds/rbac.yaml]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--test-staff', '--test-staff', [CompletionResultType]::ParameterName, 'Also create one staff row per role (<role>@example.com) in the target')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;target;init-binding' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write it here instead of standard output (refuses to overwrite without --force)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite --out if it exists')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;target;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'List every table and column the pack needs that the target lacks or types differently, and the actions that are unavailable because of it (exit 1 if any)')
            [CompletionResult]::new('seed-rbac', 'seed-rbac', [CompletionResultType]::ParameterValue, 'Converge the target''s own roles, permissions and grants (and test staff rows with --test-staff) onto the RBAC seed, through the binding, in one transaction')
            [CompletionResult]::new('init-binding', 'init-binding', [CompletionResultType]::ParameterValue, 'Write a starting binding guessed from the target''s live schema')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;target;help;check' {
            break
        }
        'opsgate;target;help;seed-rbac' {
            break
        }
        'opsgate;target;help;init-binding' {
            break
        }
        'opsgate;target;help;help' {
            break
        }
        'opsgate;demo' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;demo;reset' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;demo;help' {
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;demo;help;reset' {
            break
        }
        'opsgate;demo;help;help' {
            break
        }
        'opsgate;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as this staff member (e-mail) [env: OPSGATE_USER]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]')
            [CompletionResult]::new('--binding', '--binding', [CompletionResultType]::ParameterName, 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'opsgate;help' {
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Answer a question from the data and runbooks; never writes')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Turn a request into a stored plan of guarded actions (writes nothing)')
            [CompletionResult]::new('dry-run', 'dry-run', [CompletionResultType]::ParameterValue, 'Simulate a plan: run its SQL in a transaction that is rolled back')
            [CompletionResult]::new('execute', 'execute', [CompletionResultType]::ParameterValue, 'Execute a planned action after confirmation, a token or approvals')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Review and sign pending actions that need a second person')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject a pending action')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'My plans and actions with their status (everyone''s with ops.audit.view)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a stored plan or action')
            [CompletionResult]::new('actions', 'actions', [CompletionResultType]::ParameterValue, 'List the action catalog, or show one action with its schema')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Seed the database (RBAC roles, permissions, default alert rules and config)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Query, verify, checkpoint, prove and export the hash-chained audit log')
            [CompletionResult]::new('playbook', 'playbook', [CompletionResultType]::ParameterValue, 'Validate and run YAML playbooks (suggest-only unless explicitly allowed)')
            [CompletionResult]::new('pack', 'pack', [CompletionResultType]::ParameterValue, 'Validate, add, list, show and remove packs: a team''s HTTP APIs as actions')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Apply, show and test the policy rules that tighten what the guard allows')
            [CompletionResult]::new('staff', 'staff', [CompletionResultType]::ParameterValue, 'Manage staff members, their roles and keys')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Manage registered AI agents (tier, rate limit, token budget)')
            [CompletionResult]::new('worker', 'worker', [CompletionResultType]::ParameterValue, 'Execute approved actions queued for background execution')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve opsgate to people and programs over HTTPS, every request signed (team mode)')
            [CompletionResult]::new('docs', 'docs', [CompletionResultType]::ParameterValue, 'Index and search runbooks')
            [CompletionResult]::new('alerts', 'alerts', [CompletionResultType]::ParameterValue, 'Evaluate alert rules')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve opsgate''s guarded actions to AI clients over MCP (stdio)')
            [CompletionResult]::new('target', 'target', [CompletionResultType]::ParameterValue, 'Check the back office against the pack''s tables and columns; write a starting binding')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Manage the demo database')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'opsgate;help;ask' {
            break
        }
        'opsgate;help;plan' {
            break
        }
        'opsgate;help;dry-run' {
            break
        }
        'opsgate;help;execute' {
            break
        }
        'opsgate;help;approve' {
            break
        }
        'opsgate;help;reject' {
            break
        }
        'opsgate;help;history' {
            break
        }
        'opsgate;help;show' {
            break
        }
        'opsgate;help;actions' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one action with its parameter schema, permission, risk and needs')
            break
        }
        'opsgate;help;actions;show' {
            break
        }
        'opsgate;help;seed' {
            [CompletionResult]::new('rbac', 'rbac', [CompletionResultType]::ParameterValue, 'Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config. Idempotent: a second run changes nothing and says so')
            break
        }
        'opsgate;help;seed;rbac' {
            break
        }
        'opsgate;help;audit' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Show audit entries, oldest first (the newest --limit of those matching)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute the hash chain; exit 1 and name the first broken entry if it does not verify')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Sign a checkpoint of the log''s Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Print the log key checkpoints are signed with, as a signed-note verifier key')
            [CompletionResult]::new('prove', 'prove', [CompletionResultType]::ParameterValue, 'Print an inclusion proof of an entry, or a consistency proof between two tree sizes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries')
            break
        }
        'opsgate;help;audit;query' {
            break
        }
        'opsgate;help;audit;verify' {
            break
        }
        'opsgate;help;audit;checkpoint' {
            break
        }
        'opsgate;help;audit;key' {
            break
        }
        'opsgate;help;audit;prove' {
            break
        }
        'opsgate;help;audit;export' {
            break
        }
        'opsgate;help;playbook' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a playbook''s schema and templates; errors as file:line:col: message')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a playbook (suggest-only unless the file and --allow-execute both allow more)')
            break
        }
        'opsgate;help;playbook;validate' {
            break
        }
        'opsgate;help;playbook;run' {
            break
        }
        'opsgate;help;pack' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a pack file without a database: every problem as file:line:col')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Store a pack and create its permissions (needs system.admin; audited with its SHA-256)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The added packs')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One added pack, exactly as added')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied')
            break
        }
        'opsgate;help;pack;validate' {
            break
        }
        'opsgate;help;pack;add' {
            break
        }
        'opsgate;help;pack;list' {
            break
        }
        'opsgate;help;pack;show' {
            break
        }
        'opsgate;help;pack;remove' {
            break
        }
        'opsgate;help;policy' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Check a rule file and put it in force (needs system.admin; audited with its SHA-256)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the rules in force, exactly as applied')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'What the guard would decide for one step under a rule file; writes nothing')
            break
        }
        'opsgate;help;policy;apply' {
            break
        }
        'opsgate;help;policy;show' {
            break
        }
        'opsgate;help;policy;test' {
            break
        }
        'opsgate;help;staff' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List staff members with role, level, status and keys (needs ops.staff.view)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)')
            [CompletionResult]::new('countersign', 'countersign', [CompletionResultType]::ParameterValue, 'Countersign the enrolment code a colleague issued for EMAIL: it counts only then, whenever a second person with ops.staff.edit exists (needs your key)')
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Issue a one-time enrolment code with which a staff member without a key registers one on their own machine (needs ops.staff.edit; valid 24 h, once)')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Plan a change of a staff member''s role: it needs a second person''s approval and a second factor, like `staff.set_role` on every surface')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Plan the deactivation of a staff member: it needs a second person''s approval and a second factor, like `staff.deactivate` on every surface')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a new Ed25519 signing key for yourself on this machine and register its public half: with your current key (a rotation), or with the enrolment code from `staff invite`; older keys stay registered so that earlier signatures still verify')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'List registered signing keys (yours, or everyone''s with ops.staff.view)')
            [CompletionResult]::new('revoke-key', 'revoke-key', [CompletionResultType]::ParameterValue, 'Revoke a signing key: approvals signed with it no longer count (needs ops.staff.edit, except for your own key)')
            [CompletionResult]::new('totp', 'totp', [CompletionResultType]::ParameterValue, 'Enroll in TOTP second-factor authentication')
            break
        }
        'opsgate;help;staff;list' {
            break
        }
        'opsgate;help;staff;add' {
            break
        }
        'opsgate;help;staff;countersign' {
            break
        }
        'opsgate;help;staff;invite' {
            break
        }
        'opsgate;help;staff;set-role' {
            break
        }
        'opsgate;help;staff;deactivate' {
            break
        }
        'opsgate;help;staff;keygen' {
            break
        }
        'opsgate;help;staff;keys' {
            break
        }
        'opsgate;help;staff;revoke-key' {
            break
        }
        'opsgate;help;staff;totp' {
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Create a TOTP secret and print its otpauth:// URI (needs your registered private key; replacing a secret needs a current code). It counts once you confirm a first code: asked at once on a terminal, else `staff totp confirm`')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Activate the secret you enrolled with, given the code your authenticator shows for it (needs your registered private key)')
            break
        }
        'opsgate;help;staff;totp;enroll' {
            break
        }
        'opsgate;help;staff;totp;confirm' {
            break
        }
        'opsgate;help;agent' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List registered agents with their limits and today''s usage')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register an agent')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Issue the agent a new credential (shown once) and revoke its earlier ones')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke the agent''s credentials: its signed requests are refused from now on')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an agent')
            break
        }
        'opsgate;help;agent;list' {
            break
        }
        'opsgate;help;agent;add' {
            break
        }
        'opsgate;help;agent;rotate' {
            break
        }
        'opsgate;help;agent;revoke' {
            break
        }
        'opsgate;help;agent;disable' {
            break
        }
        'opsgate;help;worker' {
            break
        }
        'opsgate;help;serve' {
            break
        }
        'opsgate;help;docs' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List indexed documents')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search indexed passages; each is cited as path#Lfirst-Llast with a score')
            break
        }
        'opsgate;help;docs;add' {
            break
        }
        'opsgate;help;docs;list' {
            break
        }
        'opsgate;help;docs;search' {
            break
        }
        'opsgate;help;alerts' {
            [CompletionResult]::new('evaluate', 'evaluate', [CompletionResultType]::ParameterValue, 'Evaluate enabled alert rules and open alerts for new conditions (idempotent)')
            break
        }
        'opsgate;help;alerts;evaluate' {
            break
        }
        'opsgate;help;mcp' {
            break
        }
        'opsgate;help;target' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'List every table and column the pack needs that the target lacks or types differently, and the actions that are unavailable because of it (exit 1 if any)')
            [CompletionResult]::new('seed-rbac', 'seed-rbac', [CompletionResultType]::ParameterValue, 'Converge the target''s own roles, permissions and grants (and test staff rows with --test-staff) onto the RBAC seed, through the binding, in one transaction')
            [CompletionResult]::new('init-binding', 'init-binding', [CompletionResultType]::ParameterValue, 'Write a starting binding guessed from the target''s live schema')
            break
        }
        'opsgate;help;target;check' {
            break
        }
        'opsgate;help;target;seed-rbac' {
            break
        }
        'opsgate;help;target;init-binding' {
            break
        }
        'opsgate;help;demo' {
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)')
            break
        }
        'opsgate;help;demo;reset' {
            break
        }
        'opsgate;help;completions' {
            break
        }
        'opsgate;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
