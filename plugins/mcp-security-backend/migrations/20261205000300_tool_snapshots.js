// @ts-check

/**
 * Snapshots of each server's tool definitions (`tools/list`) and the one each
 * server's later snapshots are compared with: its reviewed baseline.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('tool_snapshots', table => {
    table.comment('Imported tools/list results of MCP servers');
    table.increments('seq').comment('Import order');
    table.string('id', 36).notNullable().unique();
    table.string('entity_ref', 255).notNullable();
    table
      .string('hash', 64)
      .notNullable()
      .comment('sha256 of the normalised list');
    table.text('tools').notNullable().comment('The normalised tools, as JSON');
    table.string('imported_by', 255).notNullable();
    table.timestamp('imported_at', { useTz: true }).notNullable();
    table
      .string('change_id', 36)
      .nullable()
      .comment('The tool-definition-change reviewing this snapshot');
    table.index(['entity_ref', 'seq']);
    table.index('change_id');
  });
  await knex.schema.createTable('tool_baselines', table => {
    table.comment('The reviewed tool snapshot of each server');
    table.string('entity_ref', 255).primary();
    table.string('snapshot_id', 36).notNullable();
    table
      .string('change_id', 36)
      .nullable()
      .comment('The approved change that set it; none for a first snapshot');
    table.timestamp('set_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('tool_baselines');
  await knex.schema.dropTable('tool_snapshots');
};
