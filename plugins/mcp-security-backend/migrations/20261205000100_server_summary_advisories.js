// @ts-check

/**
 * How many malicious packages and known vulnerabilities each server's
 * current assessment matched, so scorecards count the servers that run them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('server_summaries', table => {
    table
      .integer('malicious_packages')
      .notNullable()
      .defaultTo(0)
      .comment('Malicious-package advisories matching the server');
    table
      .integer('known_vulnerabilities')
      .notNullable()
      .defaultTo(0)
      .comment('Vulnerability advisories matching the server');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('server_summaries', table => {
    table.dropColumn('malicious_packages');
    table.dropColumn('known_vulnerabilities');
  });
};
