import { describeDataSet } from '../test-fixtures/data-set-import.ts';

describeDataSet('uci-bank-marketing', { delimiter: ';' });
