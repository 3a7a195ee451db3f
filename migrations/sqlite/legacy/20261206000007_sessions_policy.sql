-- Sessions and policy rules (issue "One guard").
--
-- Every stored step records through which surface and, when an AI agent acted
-- for a person, which agent: policy rules, caps and rates count by them.
ALTER TABLE actions ADD COLUMN agent TEXT;
ALTER TABLE actions ADD COLUMN surface TEXT NOT NULL DEFAULT 'cli';
-- Why the guard denied a step, when it was not a missing permission (tier, constraint, policy rule).
ALTER TABLE actions ADD COLUMN denial TEXT;
ALTER TABLE plans ADD COLUMN surface TEXT NOT NULL DEFAULT 'cli';
CREATE INDEX actions_by_action ON actions (action, created_at);
CREATE INDEX actions_by_agent ON actions (agent, created_at) WHERE agent IS NOT NULL;

-- An agent's daily budgets of guarded steps (tool calls) and planned writes (mutations).
ALTER TABLE agents ADD COLUMN daily_tool_call_budget INTEGER NOT NULL DEFAULT 1000 CHECK (daily_tool_call_budget > 0);
ALTER TABLE agents ADD COLUMN daily_mutation_budget INTEGER NOT NULL DEFAULT 100 CHECK (daily_mutation_budget > 0);

-- Budgets counted in the database so that they hold across processes:
-- `subject` is `agent:NAME` or `session:ID`, `scope` is `day` or `session`.
CREATE TABLE budget_usage (
    subject       TEXT NOT NULL,
    scope         TEXT NOT NULL CHECK (scope IN ('day', 'session')),
    window_start  TEXT NOT NULL,
    tool_calls    INTEGER NOT NULL DEFAULT 0,
    mutations     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subject, scope, window_start)
);

-- Policy rule files as applied: the newest row is in force. The text is kept
-- whole (with its SHA-256) so that `policy show` prints exactly what was applied.
CREATE TABLE policy_sets (
    id          INTEGER PRIMARY KEY,
    text        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    rules       INTEGER NOT NULL,
    applied_by  INTEGER NOT NULL REFERENCES staff(id),
    applied_at  TEXT NOT NULL
);
