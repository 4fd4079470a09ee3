import { isOpenRecommendation, recommendationStatusSchema } from './vocabulary';

describe('isOpenRecommendation', () => {
  it('counts open and accepted recommendations as open, settled ones not', () => {
    const open =
      recommendationStatusSchema.options.filter(isOpenRecommendation);
    expect(open).toEqual(['open', 'accepted']);
  });
});
