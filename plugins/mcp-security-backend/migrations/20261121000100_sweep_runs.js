// @ts-check

/**
 * One row per run of the scheduled sweep, so operators (and the coverage
 * figure) can see when every server was last looked at, across replicas.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sweep_runs', table => {
    table.comment('Runs of the scheduled assessment sweep');
    table.bigIncrements('id').primary();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table
      .integer('servers')
      .nullable()
      .comment('MCP servers seen in the catalog');
    table
      .integer('assessed')
      .nullable()
      .comment('Servers whose assessment changed');
    table
      .integer('failed')
      .nullable()
      .comment('Servers that could not be assessed');
    table.index(['started_at'], 'sweep_runs_started_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sweep_runs');
};
