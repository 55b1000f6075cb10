import { describeDataSet } from '../test-fixtures/data-set-import.ts';

describeDataSet('ravenstack-saas');
