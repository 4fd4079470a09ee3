import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// By default every role query first checks each candidate's visibility, a
// getComputedStyle walk over all of MUI's style rules in jsdom: the larger
// part of a whole-page test's time, enough to pass jest's 5 s on a busy
// machine. Queries include hidden elements; a test that cares whether
// something is hidden asserts it.
configure({ defaultHidden: true });
// findBy… and waitFor wait for a condition, polling; on a busy machine a page
// can take longer than the default second to reach it. Jest's 5 s per test
// still bounds every test.
configure({ asyncUtilTimeout: 4000 });
