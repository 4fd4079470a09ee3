// @ts-check

/**
 * A version per current recommendation decision, so two owners deciding on
 * the same recommendation at once cannot silently overwrite each other: a
 * decision names the version it saw and a stale one is refused.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('recommendation_decisions', table => {
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment(
        'Increases with every decision; requests carry the one they saw',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('recommendation_decisions', table => {
    table.dropColumn('version');
  });
};
