import { describeDataSet } from '../test-fixtures/data-set-import.ts';

describeDataSet('ibm-telco-churn');
