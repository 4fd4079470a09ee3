export {
  ItemAccordion,
  ItemGroup,
  ItemSummary,
  StatusCounts,
} from './ItemList';
