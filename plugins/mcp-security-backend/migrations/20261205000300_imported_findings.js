// @ts-check

/**
 * Findings imported from scanners' and audits' reports, one row per server,
 * source tool and fingerprint, so importing the same report again updates
 * rows instead of adding them, and a finding absent from the next import
 * from the same tool is marked resolved rather than forgotten.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('imported_findings', table => {
    table.comment('Findings imported from scanner and audit reports');
    table.string('entity_ref', 255).notNullable();
    table.string('source_tool', 255).notNullable();
    table.string('fingerprint', 255).notNullable();
    table.string('severity', 16).notNullable();
    table
      .text('finding')
      .notNullable()
      .comment('The normalised finding, as JSON');
    table.timestamp('first_seen', { useTz: true }).notNullable();
    table.timestamp('last_seen', { useTz: true }).notNullable();
    table
      .timestamp('resolved_at', { useTz: true })
      .nullable()
      .comment('When an import from the same tool no longer reported it');
    table.primary(['entity_ref', 'source_tool', 'fingerprint']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('imported_findings');
};
