// @ts-check

/**
 * Owners' decisions on recommendations, keyed by server and control so they
 * survive re-assessments, plus an append-only log of every decision made.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('recommendation_decisions', table => {
    table.comment('The current decision per server and control');
    table.string('entity_ref', 255).notNullable();
    table.string('control_id', 128).notNullable();
    table.string('status', 16).notNullable();
    table.text('note').nullable();
    table.string('decided_by', 255).notNullable();
    table.timestamp('decided_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'control_id']);
  });
  await knex.schema.createTable('recommendation_events', table => {
    table.comment(
      'Every decision ever made on a recommendation; never updated',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('control_id', 128).notNullable();
    table.string('status', 16).notNullable();
    table.text('note').nullable();
    table.string('decided_by', 255).notNullable();
    table.timestamp('decided_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'control_id'], 'recommendation_events_ref_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('recommendation_events');
  await knex.schema.dropTable('recommendation_decisions');
};
