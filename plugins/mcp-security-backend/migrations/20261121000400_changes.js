// @ts-check

/**
 * Change requests per MCP server. The request row carries the state and a
 * version that every transition bumps (compare-and-set, so concurrent
 * decisions cannot both apply); votes and events are append-only.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('changes', table => {
    table.comment('Change requests on MCP servers');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('change_type', 64).notNullable();
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table.text('rollback_plan').notNullable();
    table.timestamp('planned_start', { useTz: true }).nullable();
    table.timestamp('planned_end', { useTz: true }).nullable();
    table.boolean('emergency').notNullable();
    table.string('risk_level', 16).notNullable();
    table.integer('required_approvals').notNullable();
    table
      .text('required_groups')
      .notNullable()
      .comment('JSON array of group refs');
    table.string('state', 16).notNullable();
    table.integer('version').notNullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('approved_at', { useTz: true }).nullable();
    table.timestamp('approval_expires_at', { useTz: true }).nullable();
    table.timestamp('implemented_at', { useTz: true }).nullable();
    table.timestamp('review_due_at', { useTz: true }).nullable();
    table.timestamp('reviewed_at', { useTz: true }).nullable();
    table.index(['entity_ref'], 'changes_entity_ref_idx');
    table.index(['state'], 'changes_state_idx');
  });
  await knex.schema.createTable('change_votes', table => {
    table.comment('Approvals and rejections; never updated');
    table.bigIncrements('id').primary();
    table.string('change_id', 36).notNullable();
    table.string('voter', 255).notNullable();
    table.string('decision', 16).notNullable();
    table.string('phase', 16).notNullable();
    table.text('comment').nullable();
    table
      .text('groups')
      .notNullable()
      .comment('JSON array: the voter’s groups when voting');
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['change_id'], 'change_votes_change_idx');
  });
  await knex.schema.createTable('change_events', table => {
    table.comment('Every transition of every change; never updated');
    table.bigIncrements('id').primary();
    table.string('change_id', 36).notNullable();
    table.string('transition', 16).notNullable();
    table.string('from_state', 16).nullable();
    table.string('to_state', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.text('comment').nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['change_id'], 'change_events_change_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_events');
  await knex.schema.dropTable('change_votes');
  await knex.schema.dropTable('changes');
};
