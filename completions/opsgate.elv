
use builtin;
use str;

set edit:completion:arg-completer[opsgate] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'opsgate'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'opsgate'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ask 'Answer a question from the data and runbooks; never writes'
            cand plan 'Turn a request into a stored plan of guarded actions (writes nothing)'
            cand dry-run 'Simulate a plan: run its SQL in a transaction that is rolled back'
            cand execute 'Execute a planned action after confirmation, a token or approvals'
            cand approve 'Review and sign pending actions that need a second person'
            cand reject 'Reject a pending action'
            cand history 'My plans and actions with their status (everyone''s with ops.audit.view)'
            cand show 'Show a stored plan or action'
            cand actions 'List the action catalog, or show one action with its schema'
            cand seed 'Seed the database (RBAC roles, permissions, default alert rules and config)'
            cand audit 'Query, verify, checkpoint, prove and export the hash-chained audit log'
            cand playbook 'Validate and run YAML playbooks (suggest-only unless explicitly allowed)'
            cand pack 'Validate, add, list, show and remove packs: a team''s HTTP APIs as actions'
            cand policy 'Apply, show and test the policy rules that tighten what the guard allows'
            cand staff 'Manage staff members, their roles and keys'
            cand agent 'Manage registered AI agents (tier, rate limit, token budget)'
            cand worker 'Execute approved actions queued for background execution'
            cand serve 'Serve opsgate to people and programs over HTTPS, every request signed (team mode)'
            cand docs 'Index and search runbooks'
            cand alerts 'Evaluate alert rules'
            cand mcp 'Serve opsgate''s guarded actions to AI clients over MCP (stdio)'
            cand target 'Check the back office against the pack''s tables and columns; write a starting binding'
            cand demo 'Manage the demo database'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;ask'= {
            cand --planner 'The planner [default: ops_config `planner`, else rules]'
            cand --model 'The model name for LLM planners'
            cand --agent 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)'
            cand --max-steps 'At most this many read steps for an LLM planner''s agentic loop'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;plan'= {
            cand --planner 'The planner [default: ops_config `planner`, else rules]'
            cand --model 'The model name for LLM planners'
            cand --agent 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;dry-run'= {
            cand --planner 'The planner [default: ops_config `planner`, else rules]'
            cand --model 'The model name for LLM planners'
            cand --agent 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;execute'= {
            cand --token 'The confirmation token printed by `plan` or `dry-run` (required without a terminal)'
            cand --totp 'A TOTP code, for actions that need a second factor'
            cand --settle 'With --recover: settle a pack action whose outcome is unknown, after checking the API yourself (`a42=succeeded` or `a42=failed`; audited)'
            cand --planner 'The planner [default: ops_config `planner`, else rules]'
            cand --model 'The model name for LLM planners'
            cand --agent 'Act through this registered AI agent (its tier, budgets, rate limit and token budget apply)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --queue 'Queue an approved action for `opsgate worker` instead of running it here'
            cand --recover 'Settle actions whose runner died mid-run instead of executing anything (as `worker --recover`): a write on another database is looked up there by its key'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;approve'= {
            cand --totp 'A TOTP code, for actions that need a second factor (asked on a terminal otherwise)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --list 'List pending actions I may approve'
            cand --yes 'Approve without the interactive confirmation (the second factor is still required)'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;reject'= {
            cand --reason 'Why it is rejected (signed and recorded in the audit log)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;history'= {
            cand --status 'Only actions with this status (e.g. pending_approval, succeeded)'
            cand --action 'Only this action (e.g. bookings.refund)'
            cand --since 'From this time on (RFC 3339, a date, or a duration ago like 7d)'
            cand --until 'Before this time'
            cand --limit 'At most this many entries'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --all 'Everyone''s history, not only mine (needs ops.audit.view)'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;show'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;actions'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --mine 'Only the actions I may run (needs the database to know who I am)'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show one action with its parameter schema, permission, risk and needs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;actions;show'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;actions;help'= {
            cand show 'Show one action with its parameter schema, permission, risk and needs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;actions;help;show'= {
        }
        &'opsgate;actions;help;help'= {
        }
        &'opsgate;seed'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand rbac 'Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config. Idempotent: a second run changes nothing and says so'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;seed;rbac'= {
            cand --file 'The seed file [default: the built-in seeds/rbac.yaml]'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --test-staff 'Also create one staff member per role (<role>@example.com), each with a fresh Ed25519 key whose private half goes to the config directory (0600)'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;seed;help'= {
            cand rbac 'Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config. Idempotent: a second run changes nothing and says so'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;seed;help;rbac'= {
        }
        &'opsgate;seed;help;help'= {
        }
        &'opsgate;audit'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand query 'Show audit entries, oldest first (the newest --limit of those matching)'
            cand verify 'Recompute the hash chain; exit 1 and name the first broken entry if it does not verify'
            cand checkpoint 'Sign a checkpoint of the log''s Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere'
            cand key 'Print the log key checkpoints are signed with, as a signed-note verifier key'
            cand prove 'Print an inclusion proof of an entry, or a consistency proof between two tree sizes'
            cand export 'Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;audit;query'= {
            cand --actor 'Entries by this actor (an e-mail, agent name or os:<user>)'
            cand --subject 'Entries on behalf of this person (e-mail)'
            cand --event 'Entries of this event; a trailing * matches a prefix (e.g. `token.*`)'
            cand --action 'Entries about this action id'
            cand --status 'Entries with this status (e.g. succeeded, denied, failed)'
            cand --since 'From this time on: RFC 3339, a date (YYYY-MM-DD) or a duration ago (30m, 24h, 7d)'
            cand --until 'Before this time (same forms as --since)'
            cand --limit 'At most this many entries (the newest); default 50 for tables, all for jsonl'
            cand --format 'jsonl: one JSON object per line, for export (overrides --output)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;audit;verify'= {
            cand --checkpoint 'Also check the log against a checkpoint kept elsewhere (a file, or - for stdin): truncated, rewritten or recomputed history exits 1, a malformed checkpoint 2, a bad signature 5'
            cand --key 'The verifier key the checkpoint must be signed by (`audit key` prints it); default: this instance''s'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --since-checkpoint 'Read only the entries after the checkpoint: the log up to it is vouched for by the checkpoint recorded here when it was made (matching the kept one); fast on a long log'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;audit;checkpoint'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;audit;key'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;audit;prove'= {
            cand --consistency 'Instead, prove that the tree of this many entries is a prefix of the tree of --size'
            cand --size 'The tree size to prove against (default: the whole log now)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;audit;export'= {
            cand --format 'jsonl: the entries as `audit query` shows them; cloudevents: CloudEvents 1.0 JSON, type dev.opsgate.audit.<event>'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;audit;help'= {
            cand query 'Show audit entries, oldest first (the newest --limit of those matching)'
            cand verify 'Recompute the hash chain; exit 1 and name the first broken entry if it does not verify'
            cand checkpoint 'Sign a checkpoint of the log''s Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere'
            cand key 'Print the log key checkpoints are signed with, as a signed-note verifier key'
            cand prove 'Print an inclusion proof of an entry, or a consistency proof between two tree sizes'
            cand export 'Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;audit;help;query'= {
        }
        &'opsgate;audit;help;verify'= {
        }
        &'opsgate;audit;help;checkpoint'= {
        }
        &'opsgate;audit;help;key'= {
        }
        &'opsgate;audit;help;prove'= {
        }
        &'opsgate;audit;help;export'= {
        }
        &'opsgate;audit;help;help'= {
        }
        &'opsgate;playbook'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Check a playbook''s schema and templates; errors as file:line:col: message'
            cand run 'Run a playbook (suggest-only unless the file and --allow-execute both allow more)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;playbook;validate'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;playbook;run'= {
            cand --var 'Set a playbook variable (repeatable)'
            cand --agent 'Run as this registered AI agent acting for the person (its tier and budgets apply)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --allow-execute 'Allow execute mode, when the file also says `allow_execute: true`'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;playbook;help'= {
            cand validate 'Check a playbook''s schema and templates; errors as file:line:col: message'
            cand run 'Run a playbook (suggest-only unless the file and --allow-execute both allow more)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;playbook;help;validate'= {
        }
        &'opsgate;playbook;help;run'= {
        }
        &'opsgate;playbook;help;help'= {
        }
        &'opsgate;pack'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Check a pack file without a database: every problem as file:line:col'
            cand add 'Store a pack and create its permissions (needs system.admin; audited with its SHA-256)'
            cand list 'The added packs'
            cand show 'One added pack, exactly as added'
            cand remove 'Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;pack;validate'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;pack;add'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --replace 'Replace an added pack of the same name'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;pack;list'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;pack;show'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;pack;remove'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;pack;help'= {
            cand validate 'Check a pack file without a database: every problem as file:line:col'
            cand add 'Store a pack and create its permissions (needs system.admin; audited with its SHA-256)'
            cand list 'The added packs'
            cand show 'One added pack, exactly as added'
            cand remove 'Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;pack;help;validate'= {
        }
        &'opsgate;pack;help;add'= {
        }
        &'opsgate;pack;help;list'= {
        }
        &'opsgate;pack;help;show'= {
        }
        &'opsgate;pack;help;remove'= {
        }
        &'opsgate;pack;help;help'= {
        }
        &'opsgate;policy'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand apply 'Check a rule file and put it in force (needs system.admin; audited with its SHA-256)'
            cand show 'Print the rules in force, exactly as applied'
            cand test 'What the guard would decide for one step under a rule file; writes nothing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;policy;apply'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;policy;show'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;policy;test'= {
            cand --action 'The catalog action'
            cand --params 'The action''s parameters, as JSON'
            cand --agent 'Decide for this registered agent acting for the person'
            cand --surface 'Decide as if the step came through this surface'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;policy;help'= {
            cand apply 'Check a rule file and put it in force (needs system.admin; audited with its SHA-256)'
            cand show 'Print the rules in force, exactly as applied'
            cand test 'What the guard would decide for one step under a rule file; writes nothing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;policy;help;apply'= {
        }
        &'opsgate;policy;help;show'= {
        }
        &'opsgate;policy;help;test'= {
        }
        &'opsgate;policy;help;help'= {
        }
        &'opsgate;staff'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List staff members with role, level, status and keys (needs ops.staff.view)'
            cand add 'Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)'
            cand countersign 'Countersign the enrolment code a colleague issued for EMAIL: it counts only then, whenever a second person with ops.staff.edit exists (needs your key)'
            cand invite 'Issue a one-time enrolment code with which a staff member without a key registers one on their own machine (needs ops.staff.edit; valid 24 h, once)'
            cand set-role 'Plan a change of a staff member''s role: it needs a second person''s approval and a second factor, like `staff.set_role` on every surface'
            cand deactivate 'Plan the deactivation of a staff member: it needs a second person''s approval and a second factor, like `staff.deactivate` on every surface'
            cand keygen 'Generate a new Ed25519 signing key for yourself on this machine and register its public half: with your current key (a rotation), or with the enrolment code from `staff invite`; older keys stay registered so that earlier signatures still verify'
            cand keys 'List registered signing keys (yours, or everyone''s with ops.staff.view)'
            cand revoke-key 'Revoke a signing key: approvals signed with it no longer count (needs ops.staff.edit, except for your own key)'
            cand totp 'Enroll in TOTP second-factor authentication'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;staff;list'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;add'= {
            cand --name 'Their display name'
            cand --role 'Their role (e.g. agent, manager)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --keygen 'Also generate your Ed25519 key on this machine: only when you set up your own first account in an empty database (others get an enrolment code)'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;countersign'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;invite'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;set-role'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;deactivate'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;keygen'= {
            cand --code 'The enrolment code you were given (when you have no key yet)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;keys'= {
            cand --email 'Only this person''s keys'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;revoke-key'= {
            cand --reason 'Why (recorded in the audit log)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;totp'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enroll 'Create a TOTP secret and print its otpauth:// URI (needs your registered private key; replacing a secret needs a current code). It counts once you confirm a first code: asked at once on a terminal, else `staff totp confirm`'
            cand confirm 'Activate the secret you enrolled with, given the code your authenticator shows for it (needs your registered private key)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;staff;totp;enroll'= {
            cand --totp 'A current code, when replacing an existing secret'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;totp;confirm'= {
            cand --totp 'The code for the new secret (asked on a terminal when missing)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;staff;totp;help'= {
            cand enroll 'Create a TOTP secret and print its otpauth:// URI (needs your registered private key; replacing a secret needs a current code). It counts once you confirm a first code: asked at once on a terminal, else `staff totp confirm`'
            cand confirm 'Activate the secret you enrolled with, given the code your authenticator shows for it (needs your registered private key)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;staff;totp;help;enroll'= {
        }
        &'opsgate;staff;totp;help;confirm'= {
        }
        &'opsgate;staff;totp;help;help'= {
        }
        &'opsgate;staff;help'= {
            cand list 'List staff members with role, level, status and keys (needs ops.staff.view)'
            cand add 'Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)'
            cand countersign 'Countersign the enrolment code a colleague issued for EMAIL: it counts only then, whenever a second person with ops.staff.edit exists (needs your key)'
            cand invite 'Issue a one-time enrolment code with which a staff member without a key registers one on their own machine (needs ops.staff.edit; valid 24 h, once)'
            cand set-role 'Plan a change of a staff member''s role: it needs a second person''s approval and a second factor, like `staff.set_role` on every surface'
            cand deactivate 'Plan the deactivation of a staff member: it needs a second person''s approval and a second factor, like `staff.deactivate` on every surface'
            cand keygen 'Generate a new Ed25519 signing key for yourself on this machine and register its public half: with your current key (a rotation), or with the enrolment code from `staff invite`; older keys stay registered so that earlier signatures still verify'
            cand keys 'List registered signing keys (yours, or everyone''s with ops.staff.view)'
            cand revoke-key 'Revoke a signing key: approvals signed with it no longer count (needs ops.staff.edit, except for your own key)'
            cand totp 'Enroll in TOTP second-factor authentication'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;staff;help;list'= {
        }
        &'opsgate;staff;help;add'= {
        }
        &'opsgate;staff;help;countersign'= {
        }
        &'opsgate;staff;help;invite'= {
        }
        &'opsgate;staff;help;set-role'= {
        }
        &'opsgate;staff;help;deactivate'= {
        }
        &'opsgate;staff;help;keygen'= {
        }
        &'opsgate;staff;help;keys'= {
        }
        &'opsgate;staff;help;revoke-key'= {
        }
        &'opsgate;staff;help;totp'= {
            cand enroll 'Create a TOTP secret and print its otpauth:// URI (needs your registered private key; replacing a secret needs a current code). It counts once you confirm a first code: asked at once on a terminal, else `staff totp confirm`'
            cand confirm 'Activate the secret you enrolled with, given the code your authenticator shows for it (needs your registered private key)'
        }
        &'opsgate;staff;help;totp;enroll'= {
        }
        &'opsgate;staff;help;totp;confirm'= {
        }
        &'opsgate;staff;help;help'= {
        }
        &'opsgate;agent'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List registered agents with their limits and today''s usage'
            cand add 'Register an agent'
            cand rotate 'Issue the agent a new credential (shown once) and revoke its earlier ones'
            cand revoke 'Revoke the agent''s credentials: its signed requests are refused from now on'
            cand disable 'Disable an agent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;agent;list'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;agent;add'= {
            cand --model 'The model it runs'
            cand --tier 'What it may do at most: read, suggest or write'
            cand --rate-limit 'Requests per minute'
            cand --daily-tokens 'Tokens per day (midnight to midnight UTC)'
            cand --daily-tool-calls 'Guarded steps (tool calls) per day, on every surface'
            cand --daily-mutations 'Writes it may propose per day, on every surface'
            cand --credential-days 'Days its credential (shown once) lasts'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;agent;rotate'= {
            cand --credential-days 'Days the new credential lasts'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;agent;revoke'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;agent;disable'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;agent;help'= {
            cand list 'List registered agents with their limits and today''s usage'
            cand add 'Register an agent'
            cand rotate 'Issue the agent a new credential (shown once) and revoke its earlier ones'
            cand revoke 'Revoke the agent''s credentials: its signed requests are refused from now on'
            cand disable 'Disable an agent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;agent;help;list'= {
        }
        &'opsgate;agent;help;add'= {
        }
        &'opsgate;agent;help;rotate'= {
        }
        &'opsgate;agent;help;revoke'= {
        }
        &'opsgate;agent;help;disable'= {
        }
        &'opsgate;agent;help;help'= {
        }
        &'opsgate;worker'= {
            cand --concurrency 'Actions executed in parallel'
            cand --poll 'Seconds between polls of the queue'
            cand --stale-after 'With --recover: claims older than this many seconds are stale even when their process cannot be checked (it ran on another machine)'
            cand --checkpoint-file 'While running, record audit checkpoints as they fall due (ops_config audit.checkpoint_every_entries / _minutes) and append each to this file'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --once 'Process what is queued now, then exit'
            cand --recover 'Resolve stale claims left by a worker that died mid-action, then exit'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;serve'= {
            cand --listen 'Address and port to listen on (port 0 picks a free one)'
            cand --tls-cert 'PEM certificate chain: serve HTTPS (with --tls-key)'
            cand --tls-key 'PEM private key of the certificate'
            cand --public-url 'The URL clients sign their requests for: the load balancer''s, when several servers stand behind one [default: this server''s scheme://ADDR:PORT; required when listening on every address]'
            cand --trusted-proxy 'A proxy in front (repeatable): for requests from it, the client is the last address of its X-Forwarded-For (each client''s refusals are bounded apart)'
            cand --max-in-flight 'Requests handled at once; more wait for a slot'
            cand --max-body 'Largest request body, in bytes'
            cand --request-timeout 'Seconds a request may take to arrive and to wait for a slot'
            cand --checkpoint-file 'Append every audit checkpoint recorded while serving to this file (they fall due by ops_config audit.checkpoint_every_entries, default 10000, and _minutes, default 60)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --insecure-http 'Serve plain HTTP on a non-loopback address (a proxy in front terminates TLS)'
            cand --mcp-allow-elicited-confirm 'Let MCP clients confirm confirm-level writes in their form (elicitation), the person typing the target''s id. Never for approval-level or second-factor actions'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;docs'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)'
            cand list 'List indexed documents'
            cand search 'Search indexed passages; each is cited as path#Lfirst-Llast with a score'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;docs;add'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;docs;list'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;docs;search'= {
            cand --limit 'At most this many passages (1–100)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;docs;help'= {
            cand add 'Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)'
            cand list 'List indexed documents'
            cand search 'Search indexed passages; each is cited as path#Lfirst-Llast with a score'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;docs;help;add'= {
        }
        &'opsgate;docs;help;list'= {
        }
        &'opsgate;docs;help;search'= {
        }
        &'opsgate;docs;help;help'= {
        }
        &'opsgate;alerts'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand evaluate 'Evaluate enabled alert rules and open alerts for new conditions (idempotent)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;alerts;evaluate'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;alerts;help'= {
            cand evaluate 'Evaluate enabled alert rules and open alerts for new conditions (idempotent)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;alerts;help;evaluate'= {
        }
        &'opsgate;alerts;help;help'= {
        }
        &'opsgate;mcp'= {
            cand --agent 'The registered AI agent the MCP client acts through; its tier sets the session''s limits'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --allow-elicited-confirm 'Let the client''s form confirm a confirm-level write (MCP elicitation): the person types the target''s id, as on a terminal. Never for approval-level or second-factor actions'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;target'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'List every table and column the pack needs that the target lacks or types differently, and the actions that are unavailable because of it (exit 1 if any)'
            cand seed-rbac 'Converge the target''s own roles, permissions and grants (and test staff rows with --test-staff) onto the RBAC seed, through the binding, in one transaction'
            cand init-binding 'Write a starting binding guessed from the target''s live schema'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;target;check'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;target;seed-rbac'= {
            cand --file 'The seed file [default: the built-in seeds/rbac.yaml]'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --test-staff 'Also create one staff row per role (<role>@example.com) in the target'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;target;init-binding'= {
            cand --out 'Write it here instead of standard output (refuses to overwrite without --force)'
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --force 'Overwrite --out if it exists'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;target;help'= {
            cand check 'List every table and column the pack needs that the target lacks or types differently, and the actions that are unavailable because of it (exit 1 if any)'
            cand seed-rbac 'Converge the target''s own roles, permissions and grants (and test staff rows with --test-staff) onto the RBAC seed, through the binding, in one transaction'
            cand init-binding 'Write a starting binding guessed from the target''s live schema'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;target;help;check'= {
        }
        &'opsgate;target;help;seed-rbac'= {
        }
        &'opsgate;target;help;init-binding'= {
        }
        &'opsgate;target;help;help'= {
        }
        &'opsgate;demo'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand reset 'Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;demo;reset'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;demo;help'= {
            cand reset 'Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;demo;help;reset'= {
        }
        &'opsgate;demo;help;help'= {
        }
        &'opsgate;completions'= {
            cand --db 'Database: a SQLite path or sqlite://PATH[?mode=ro|rw|rwc], or postgres://… [env: OPSGATE_DB] [default: opsgate.db in the data directory]'
            cand --as 'Act as this staff member (e-mail) [env: OPSGATE_USER]'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --server 'Team mode: send every data command to this opsgate server, signed with your key (`--as` picks which local key when there are several) [env: OPSGATE_SERVER]; a server certificate from a private CA is trusted with OPSGATE_SERVER_CA=FILE'
            cand --target 'The back office actions run on, when it is not the state database''s own: a SQLite path, postgres://…, or mysql://… / mariadb://… [env: OPSGATE_TARGET]'
            cand --binding 'How the pack''s tables and columns are called in the back office (YAML; `opsgate target init-binding` writes a first one) [env: OPSGATE_BINDING]'
            cand --demo 'Use the throwaway demo database (created with demo data when missing); acts as admin@example.com unless --as or OPSGATE_USER says otherwise. Never touches a real database'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'opsgate;help'= {
            cand ask 'Answer a question from the data and runbooks; never writes'
            cand plan 'Turn a request into a stored plan of guarded actions (writes nothing)'
            cand dry-run 'Simulate a plan: run its SQL in a transaction that is rolled back'
            cand execute 'Execute a planned action after confirmation, a token or approvals'
            cand approve 'Review and sign pending actions that need a second person'
            cand reject 'Reject a pending action'
            cand history 'My plans and actions with their status (everyone''s with ops.audit.view)'
            cand show 'Show a stored plan or action'
            cand actions 'List the action catalog, or show one action with its schema'
            cand seed 'Seed the database (RBAC roles, permissions, default alert rules and config)'
            cand audit 'Query, verify, checkpoint, prove and export the hash-chained audit log'
            cand playbook 'Validate and run YAML playbooks (suggest-only unless explicitly allowed)'
            cand pack 'Validate, add, list, show and remove packs: a team''s HTTP APIs as actions'
            cand policy 'Apply, show and test the policy rules that tighten what the guard allows'
            cand staff 'Manage staff members, their roles and keys'
            cand agent 'Manage registered AI agents (tier, rate limit, token budget)'
            cand worker 'Execute approved actions queued for background execution'
            cand serve 'Serve opsgate to people and programs over HTTPS, every request signed (team mode)'
            cand docs 'Index and search runbooks'
            cand alerts 'Evaluate alert rules'
            cand mcp 'Serve opsgate''s guarded actions to AI clients over MCP (stdio)'
            cand target 'Check the back office against the pack''s tables and columns; write a starting binding'
            cand demo 'Manage the demo database'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'opsgate;help;ask'= {
        }
        &'opsgate;help;plan'= {
        }
        &'opsgate;help;dry-run'= {
        }
        &'opsgate;help;execute'= {
        }
        &'opsgate;help;approve'= {
        }
        &'opsgate;help;reject'= {
        }
        &'opsgate;help;history'= {
        }
        &'opsgate;help;show'= {
        }
        &'opsgate;help;actions'= {
            cand show 'Show one action with its parameter schema, permission, risk and needs'
        }
        &'opsgate;help;actions;show'= {
        }
        &'opsgate;help;seed'= {
            cand rbac 'Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config. Idempotent: a second run changes nothing and says so'
        }
        &'opsgate;help;seed;rbac'= {
        }
        &'opsgate;help;audit'= {
            cand query 'Show audit entries, oldest first (the newest --limit of those matching)'
            cand verify 'Recompute the hash chain; exit 1 and name the first broken entry if it does not verify'
            cand checkpoint 'Sign a checkpoint of the log''s Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere'
            cand key 'Print the log key checkpoints are signed with, as a signed-note verifier key'
            cand prove 'Print an inclusion proof of an entry, or a consistency proof between two tree sizes'
            cand export 'Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries'
        }
        &'opsgate;help;audit;query'= {
        }
        &'opsgate;help;audit;verify'= {
        }
        &'opsgate;help;audit;checkpoint'= {
        }
        &'opsgate;help;audit;key'= {
        }
        &'opsgate;help;audit;prove'= {
        }
        &'opsgate;help;audit;export'= {
        }
        &'opsgate;help;playbook'= {
            cand validate 'Check a playbook''s schema and templates; errors as file:line:col: message'
            cand run 'Run a playbook (suggest-only unless the file and --allow-execute both allow more)'
        }
        &'opsgate;help;playbook;validate'= {
        }
        &'opsgate;help;playbook;run'= {
        }
        &'opsgate;help;pack'= {
            cand validate 'Check a pack file without a database: every problem as file:line:col'
            cand add 'Store a pack and create its permissions (needs system.admin; audited with its SHA-256)'
            cand list 'The added packs'
            cand show 'One added pack, exactly as added'
            cand remove 'Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied'
        }
        &'opsgate;help;pack;validate'= {
        }
        &'opsgate;help;pack;add'= {
        }
        &'opsgate;help;pack;list'= {
        }
        &'opsgate;help;pack;show'= {
        }
        &'opsgate;help;pack;remove'= {
        }
        &'opsgate;help;policy'= {
            cand apply 'Check a rule file and put it in force (needs system.admin; audited with its SHA-256)'
            cand show 'Print the rules in force, exactly as applied'
            cand test 'What the guard would decide for one step under a rule file; writes nothing'
        }
        &'opsgate;help;policy;apply'= {
        }
        &'opsgate;help;policy;show'= {
        }
        &'opsgate;help;policy;test'= {
        }
        &'opsgate;help;staff'= {
            cand list 'List staff members with role, level, status and keys (needs ops.staff.view)'
            cand add 'Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)'
            cand countersign 'Countersign the enrolment code a colleague issued for EMAIL: it counts only then, whenever a second person with ops.staff.edit exists (needs your key)'
            cand invite 'Issue a one-time enrolment code with which a staff member without a key registers one on their own machine (needs ops.staff.edit; valid 24 h, once)'
            cand set-role 'Plan a change of a staff member''s role: it needs a second person''s approval and a second factor, like `staff.set_role` on every surface'
            cand deactivate 'Plan the deactivation of a staff member: it needs a second person''s approval and a second factor, like `staff.deactivate` on every surface'
            cand keygen 'Generate a new Ed25519 signing key for yourself on this machine and register its public half: with your current key (a rotation), or with the enrolment code from `staff invite`; older keys stay registered so that earlier signatures still verify'
            cand keys 'List registered signing keys (yours, or everyone''s with ops.staff.view)'
            cand revoke-key 'Revoke a signing key: approvals signed with it no longer count (needs ops.staff.edit, except for your own key)'
            cand totp 'Enroll in TOTP second-factor authentication'
        }
        &'opsgate;help;staff;list'= {
        }
        &'opsgate;help;staff;add'= {
        }
        &'opsgate;help;staff;countersign'= {
        }
        &'opsgate;help;staff;invite'= {
        }
        &'opsgate;help;staff;set-role'= {
        }
        &'opsgate;help;staff;deactivate'= {
        }
        &'opsgate;help;staff;keygen'= {
        }
        &'opsgate;help;staff;keys'= {
        }
        &'opsgate;help;staff;revoke-key'= {
        }
        &'opsgate;help;staff;totp'= {
            cand enroll 'Create a TOTP secret and print its otpauth:// URI (needs your registered private key; replacing a secret needs a current code). It counts once you confirm a first code: asked at once on a terminal, else `staff totp confirm`'
            cand confirm 'Activate the secret you enrolled with, given the code your authenticator shows for it (needs your registered private key)'
        }
        &'opsgate;help;staff;totp;enroll'= {
        }
        &'opsgate;help;staff;totp;confirm'= {
        }
        &'opsgate;help;agent'= {
            cand list 'List registered agents with their limits and today''s usage'
            cand add 'Register an agent'
            cand rotate 'Issue the agent a new credential (shown once) and revoke its earlier ones'
            cand revoke 'Revoke the agent''s credentials: its signed requests are refused from now on'
            cand disable 'Disable an agent'
        }
        &'opsgate;help;agent;list'= {
        }
        &'opsgate;help;agent;add'= {
        }
        &'opsgate;help;agent;rotate'= {
        }
        &'opsgate;help;agent;revoke'= {
        }
        &'opsgate;help;agent;disable'= {
        }
        &'opsgate;help;worker'= {
        }
        &'opsgate;help;serve'= {
        }
        &'opsgate;help;docs'= {
            cand add 'Index Markdown or text files, chunked by heading (needs ops.config.edit; audited)'
            cand list 'List indexed documents'
            cand search 'Search indexed passages; each is cited as path#Lfirst-Llast with a score'
        }
        &'opsgate;help;docs;add'= {
        }
        &'opsgate;help;docs;list'= {
        }
        &'opsgate;help;docs;search'= {
        }
        &'opsgate;help;alerts'= {
            cand evaluate 'Evaluate enabled alert rules and open alerts for new conditions (idempotent)'
        }
        &'opsgate;help;alerts;evaluate'= {
        }
        &'opsgate;help;mcp'= {
        }
        &'opsgate;help;target'= {
            cand check 'List every table and column the pack needs that the target lacks or types differently, and the actions that are unavailable because of it (exit 1 if any)'
            cand seed-rbac 'Converge the target''s own roles, permissions and grants (and test staff rows with --test-staff) onto the RBAC seed, through the binding, in one transaction'
            cand init-binding 'Write a starting binding guessed from the target''s live schema'
        }
        &'opsgate;help;target;check'= {
        }
        &'opsgate;help;target;seed-rbac'= {
        }
        &'opsgate;help;target;init-binding'= {
        }
        &'opsgate;help;demo'= {
            cand reset 'Delete and recreate the demo database (seeded RBAC, test staff with fresh keys, demo data)'
        }
        &'opsgate;help;demo;reset'= {
        }
        &'opsgate;help;completions'= {
        }
        &'opsgate;help;help'= {
        }
    ]
    $completions[$command]
}
