import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Customer acceptance of a sent quote (src/cpq/acceptance, docs/cpq.md "Acceptance").
 * - A link stores only the SHA-256 of its 256-bit token: a copy of the database cannot accept.
 *   Issuing a new link for a quote revokes the open one (at most one open link per quote).
 * - An acceptance is once per quote (unique quote_id) and keeps the evidence: who typed which name
 *   and e-mail, the signature (typed text or a PNG data URL), time, IP, user agent, and the exact
 *   PDF accepted with its SHA-256 (checked by the database against the stored bytes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table quote_acceptance_links (
      id text primary key check (id ~ '^qal_'),
      quote_id text not null references quotes(id),
      token_sha256 char(64) not null check (token_sha256 ~ '^[0-9a-f]{64}$'),
      expires_at timestamptz not null,
      created_by text not null,
      created_at timestamptz not null,
      revoked_at timestamptz,
      constraint quote_acceptance_links_token unique (token_sha256)
    );
    create unique index quote_acceptance_links_open on quote_acceptance_links (quote_id) where revoked_at is null;

    create table quote_acceptances (
      id text primary key check (id ~ '^qac_'),
      quote_id text not null references quotes(id),
      quote_version_number integer not null,
      channel text not null check (channel in ('link','api')),
      link_id text references quote_acceptance_links(id),
      signer_name text not null check (length(signer_name) between 1 and 200),
      signer_email text not null check (length(signer_email) between 3 and 320),
      signature_kind text not null check (signature_kind in ('typed','drawn')),
      signature_text text check (length(signature_text) between 1 and 200),
      signature_image text check (signature_image ~ '^data:image/png;base64,'),
      provider text check (length(provider) between 1 and 100),
      provider_reference text check (length(provider_reference) between 1 and 200),
      ip_address text,
      user_agent text check (length(user_agent) <= 1000),
      document_sha256 char(64) not null check (document_sha256 ~ '^[0-9a-f]{64}$'),
      document_pdf bytea not null,
      accepted_by text not null,
      accepted_at timestamptz not null,
      constraint quote_acceptances_once unique (quote_id),
      constraint quote_acceptances_link check ((channel = 'link') = (link_id is not null)),
      constraint quote_acceptances_signature check (
        (signature_kind = 'typed' and signature_text is not null and signature_image is null)
        or (signature_kind = 'drawn' and signature_image is not null and signature_text is null)),
      constraint quote_acceptances_document check (document_sha256 = encode(sha256(document_pdf), 'hex'))
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table quote_acceptances;
    drop table quote_acceptance_links;
  `);
}
