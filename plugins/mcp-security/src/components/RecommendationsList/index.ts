export { RecommendationsList } from './RecommendationsList';
