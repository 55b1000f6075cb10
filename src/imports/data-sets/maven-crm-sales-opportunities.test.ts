import { describeDataSet } from '../test-fixtures/data-set-import.ts';

describeDataSet('maven-crm-sales-opportunities');
