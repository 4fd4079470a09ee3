// @ts-check

/**
 * Scorecards: one summary row per MCP server, kept current as it is
 * assessed and as its recommendations are decided, so team figures are SQL
 * aggregates; daily snapshots per group for trends; and the time each
 * implemented recommendation took, for mean time to remediate.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('server_summaries', table => {
    table.comment('The current figures of each MCP server, for scorecards');
    table.string('entity_ref', 255).primary();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table.string('domain_ref', 255).nullable();
    table.string('risk_level', 16).notNullable();
    table.integer('risk_score').notNullable();
    table.string('trust_tier', 16).notNullable();
    table
      .timestamp('checked_at', { useTz: true })
      .notNullable()
      .comment(
        'Last time the sweep or a reader confirmed the assessment is current',
      );
    table.integer('open_p1').notNullable();
    table.integer('open_p2').notNullable();
    table.index(['owner_ref'], 'server_summaries_owner_idx');
    table.index(['system_ref'], 'server_summaries_system_idx');
    table.index(['domain_ref'], 'server_summaries_domain_idx');
  });
  await knex.schema.createTable('scorecard_snapshots', table => {
    table.comment('Daily figures per group, for trends');
    table.string('day', 10).notNullable().comment('UTC date, YYYY-MM-DD');
    table.string('group_by', 16).notNullable();
    table.string('group_ref', 255).notNullable();
    table.text('figures').notNullable().comment('JSON of the scorecard row');
    table.primary(['day', 'group_by', 'group_ref']);
  });
  await knex.schema.alterTable('recommendation_decisions', table => {
    table
      .bigInteger('remediation_ms')
      .nullable()
      .comment('From first recommended to implemented, when implemented');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('recommendation_decisions', table => {
    table.dropColumn('remediation_ms');
  });
  await knex.schema.dropTable('scorecard_snapshots');
  await knex.schema.dropTable('server_summaries');
};
