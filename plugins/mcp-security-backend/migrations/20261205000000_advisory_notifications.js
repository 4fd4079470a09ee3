// @ts-check

/**
 * Which owners were told about which advisory matching their server, so each
 * newly matching advisory notifies once, across re-assessments and replicas.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('advisory_notifications', table => {
    table.comment('Advisories whose owners were notified, per server');
    table.string('entity_ref', 255).notNullable();
    table.string('advisory_id', 255).notNullable();
    table.timestamp('notified_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'advisory_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('advisory_notifications');
};
