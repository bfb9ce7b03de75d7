import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderLineFixture, taxOrderFixture, taxRequestOf, taxRequestSchema, type ParsedTaxRequest } from '@tributary/tax-api';
import type { TaxOrder } from '@tributary/avro';
import { calculateTax } from './tax-calculation';

const requestOf = (overrides: Partial<TaxOrder> = {}): ParsedTaxRequest => taxRequestSchema.parse(taxRequestOf(taxOrderFixture(overrides), 'acme'));
const usAddress = (region: string, postalCode: string) => ({ line1: '1 Main St', line2: null, city: 'Somewhere', region, postalCode, country: 'US' });

describe('the sandbox tax calculation', () => {
  it('taxes a San Francisco order by state, county, city and district, to the cent, and leaves shipping exempt', () => {
    const tax = calculateTax(requestOf());
    const [widget, shipping] = tax.lines;
    assert.equal(widget.amount, '37.9800'); // 2 x 19.99 - 2.00
    assert.deepEqual(
      widget.jurisdictions.map((j) => [j.level, j.code, j.rate, j.tax]),
      [['STATE', '06', '0.062500', '2.3738'], ['COUNTY', '06075', '0.002500', '0.0950'], ['CITY', '0667000', '0.010000', '0.3798'], ['SPECIAL', '06075-SFTD', '0.012500', '0.4748']],
    );
    assert.equal(widget.tax, '3.3234');
    assert.deepEqual([shipping.amount, shipping.taxableAmount, shipping.exemptAmount, shipping.tax, shipping.jurisdictions], ['7.5000', '0.0000', '7.5000', '0.0000', []]);
    assert.deepEqual([tax.totalAmount, tax.totalTaxable, tax.totalExempt, tax.totalTax], ['45.4800', '37.9800', '7.5000', '3.3234']);
    assert.equal(tax.jurisdictions.length, 4);
  });

  it('sums the lines per jurisdiction for the order', () => {
    const lines = [orderLineFixture({ lineNumber: 1, unitPrice: '10.0000' }), orderLineFixture({ lineNumber: 2, unitPrice: '30.0000' })];
    const tax = calculateTax(requestOf({ lines, shipTo: usAddress('NV', '89501') }));
    assert.deepEqual(tax.jurisdictions.map((j) => [j.code, j.taxableAmount, j.tax]), [['32', '40.0000', '1.8400'], ['32031', '40.0000', '1.4740']]);
  });

  it('gives a default tax code to a line without one and says so', () => {
    const tax = calculateTax(requestOf({ lines: [orderLineFixture({ taxCode: null })] }));
    assert.equal(tax.lines[0].taxCode, 'P0000000');
  });

  it('honours an exemption certificate for the delivery region until it expires', () => {
    const exempt = (region: string | null, expiresOn: string | null) =>
      calculateTax(requestOf({ customer: { customerId: 'C-1', name: null, taxId: null, exemption: { certificateId: 'EX-1', reasonCode: 'RESALE', region, expiresOn } } }));
    assert.deepEqual([exempt('US-CA', null).totalTax, exempt('US-CA', null).totalExempt], ['0.0000', '45.4800']);
    assert.equal(exempt(null, '2024-03-15').totalTax, '0.0000');
    assert.equal(exempt('US-NY', null).totalTax, '3.3234', 'a certificate for another state does not apply');
    assert.equal(exempt('US-CA', '2024-03-14').totalTax, '3.3234', 'an expired certificate does not apply');
  });

  it('reverses the tax of a return', () => {
    const tax = calculateTax(requestOf({ documentType: 'RETURN_INVOICE' }));
    assert.deepEqual([tax.totalAmount, tax.totalTax, tax.lines[0].jurisdictions[0].tax], ['-45.4800', '-3.3234', '-2.3738']);
  });

  it('applies reduced VAT to food in Germany and none where there is no sales tax', () => {
    const food = [orderLineFixture({ taxCode: 'PF050000', unitPrice: '100.0000' })];
    const berlin = calculateTax(requestOf({ lines: food, shipTo: { line1: 'Unter den Linden 1', line2: null, city: 'Berlin', region: null, postalCode: '10117', country: 'DE' } }));
    assert.deepEqual(berlin.jurisdictions.map((j) => [j.level, j.rate, j.tax]), [['COUNTRY', '0.070000', '7.0000']]);
    const portland = calculateTax(requestOf({ shipTo: usAddress('OR', '97201') }));
    assert.deepEqual([portland.totalTax, portland.totalExempt, portland.lines[0].jurisdictions], ['0.0000', '45.4800', []]);
  });

  it('is a pure function of the request', () => {
    assert.deepEqual(calculateTax(requestOf()), calculateTax(requestOf()));
  });
});
