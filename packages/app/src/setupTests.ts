import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy… and waitFor wait for a condition, polling; on a busy machine the app
// can take longer than the default second to reach it. Jest's 5 s per test
// still bounds every test.
configure({ asyncUtilTimeout: 4000 });
