// @ts-check

/**
 * The last good records of each advisory source, so a source that fails
 * (even at start-up) still has its advisories matched, and a reload writes
 * only the records whose `modified` changed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('advisory_records', table => {
    table.comment('OSV records of the configured advisory sources');
    table.string('source', 1024).notNullable().comment('The path or URL');
    table.string('id', 255).notNullable().comment('The OSV id');
    table.string('modified', 64).notNullable();
    table.text('record').notNullable().comment('The OSV record, as JSON');
    table.primary(['source', 'id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('advisory_records');
};
