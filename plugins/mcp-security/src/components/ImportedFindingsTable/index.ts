export { ImportedFindingsTable } from './ImportedFindingsTable';
