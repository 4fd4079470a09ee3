// @ts-check

/**
 * The maintenance schedule: one task instance per server and task, created
 * and retired as assessments change, and every completion ever recorded.
 * All timestamps are UTC.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maintenance_tasks', table => {
    table.comment('Scheduled maintenance per MCP server and task');
    table.string('entity_ref', 255).notNullable();
    table.string('task_id', 128).notNullable();
    table.string('cadence', 16).notNullable();
    table
      .string('owner_ref', 255)
      .nullable()
      .comment('Who is notified when it is overdue');
    table
      .boolean('active')
      .notNullable()
      .comment('False once the task no longer applies');
    table.timestamp('first_applied_at', { useTz: true }).notNullable();
    table.timestamp('retired_at', { useTz: true }).nullable();
    table.timestamp('last_completed_at', { useTz: true }).nullable();
    table.timestamp('next_due_at', { useTz: true }).notNullable();
    table
      .timestamp('notified_overdue_at', { useTz: true })
      .nullable()
      .comment('Set before notifying, so each overdue cycle notifies once');
    table.primary(['entity_ref', 'task_id']);
    table.index(['active', 'next_due_at'], 'maintenance_tasks_due_idx');
  });
  await knex.schema.createTable('maintenance_completions', table => {
    table.comment('Every completion of a maintenance task; never updated');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('task_id', 128).notNullable();
    table.string('outcome', 32).notNullable();
    table.text('evidence').notNullable();
    table.string('cadence', 16).notNullable();
    table.string('completed_by', 255).notNullable();
    table.timestamp('completed_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'task_id'], 'maintenance_completions_ref_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maintenance_completions');
  await knex.schema.dropTable('maintenance_tasks');
};
