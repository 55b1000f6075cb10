import { describeDataSet } from '../test-fixtures/data-set-import.ts';

describeDataSet('salesforce-sample-org');
