import type { ColumnType, Generated } from 'kysely';

/** timestamptz: written as Date or ISO string, read as Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** date: always 'YYYY-MM-DD' text on both sides (see open-database.ts parsers). */
export type CalendarDate = string;
export type Json = ColumnType<unknown, string, string>;

export type UsersTable = {
  id: string;
  email: string;
  display_name: string;
  role: string;
  team_id: string | null;
  password_hash: string | null;
  locale: string;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};

export type TeamsTable = {
  id: string;
  name: string;
  manager_user_id: string | null;
  created_at: Timestamp;
};

export type SessionsTable = {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
};

export type ApiKeysTable = {
  id: string;
  name: string;
  role: string;
  team_id: string | null;
  prefix: string;
  secret_hash: string;
  created_by: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type SetupTokensTable = {
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
};

export type AuditLogTable = {
  seq: ColumnType<bigint, bigint, never>;
  id: string;
  occurred_at: Timestamp;
  actor_type: string;
  actor_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
};

export type AuditChainHeadTable = {
  id: number;
  last_seq: bigint;
  last_hash: string;
};

export type OutboxEventsTable = {
  seq: Generated<bigint>;
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Json;
  occurred_at: Timestamp;
  request_id: string | null;
};

export type EventDeliveriesTable = {
  id: string;
  event_id: string;
  target_kind: 'subscriber' | 'webhook';
  target: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  last_status_code: number | null;
  delivered_at: Timestamp | null;
  created_at: Timestamp;
};

export type ProcessedEventsTable = {
  subscriber: string;
  event_id: string;
  processed_at: Timestamp;
};

export type WebhookEndpointsTable = {
  id: string;
  url: string;
  secret: string;
  event_types: Json;
  description: string;
  enabled: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};

export type IdempotencyKeysTable = {
  actor_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: Json | null;
  response_headers: Json | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
};

/** Tables owned by src/shared and the platform domains. Domains add theirs with db.withTables<...>(). */
export type SharedTables = {
  users: UsersTable;
  teams: TeamsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  setup_tokens: SetupTokensTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  outbox_events: OutboxEventsTable;
  event_deliveries: EventDeliveriesTable;
  processed_events: ProcessedEventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  idempotency_keys: IdempotencyKeysTable;
};
