// @ts-check

/**
 * Assessment history: one row per assessment of one MCP server. The newest row
 * per entity is the current assessment; older rows are its history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('assessments', table => {
    table.comment('Trust and risk assessments of MCP servers, newest last');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable().comment('The MCP server');
    table.string('profile_hash', 64).notNullable();
    table.string('knowledge_version', 64).notNullable();
    table.string('engine_version', 32).notNullable();
    table.string('trust_tier', 16).notNullable();
    table.integer('trust_score').notNullable();
    table.string('risk_level', 16).notNullable();
    table.integer('risk_score').notNullable();
    table
      .text('assessment', 'longtext')
      .notNullable()
      .comment('The whole assessment as JSON');
    table.timestamp('assessed_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'id'], 'assessments_entity_ref_id_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('assessments');
};
