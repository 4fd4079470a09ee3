// @ts-check

/**
 * The Idempotency-Key a completion was recorded with, unique per server and
 * task, so a retried request is answered once and never recorded twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('maintenance_completions', table => {
    table
      .string('idempotency_key', 200)
      .nullable()
      .comment('The Idempotency-Key header of the request that recorded it');
    table.unique(['entity_ref', 'task_id', 'idempotency_key'], {
      indexName: 'maintenance_completions_key_idx',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('maintenance_completions', table => {
    table.dropUnique(
      ['entity_ref', 'task_id', 'idempotency_key'],
      'maintenance_completions_key_idx',
    );
    table.dropColumn('idempotency_key');
  });
};
