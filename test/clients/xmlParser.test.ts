// Our XML response parser against the AWS SDK's own (@aws-sdk/xml-builder's
// parseXML, which the client bundles replace with it): the same value for
// every document, the same error for every malformed one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import { parseXML as sdkParseXML } from '@aws-sdk/xml-builder';
import { parseXML } from '../../src/clients/xmlParser';

type Outcome = { value: unknown } | { error: string };

function outcome(parse: (xml: string) => unknown, xml: string): Outcome {
  try {
    return { value: parse(xml) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function assertSame(xml: string): void {
  assert.deepStrictEqual(outcome(parseXML, xml), outcome(sdkParseXML, xml), `for ${JSON.stringify(xml)}`);
}

const LISTING =
  '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>archive-bucket</Name>' +
  '<Prefix></Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>' +
  '<Contents><Key>a%20b.json</Key><LastModified>2026-11-28T12:42:27.000Z</LastModified><ETag>&quot;d9ca7de2542baac01f7a5491f1d8343e&quot;</ETag><Size>7</Size><StorageClass>STANDARD</StorageClass></Contents>' +
  '<Contents><Key>c.txt</Key><LastModified>2026-11-28T12:42:28.000Z</LastModified><ETag>&quot;0c8&quot;</ETag><Size>0</Size><StorageClass>STANDARD</StorageClass></Contents>' +
  '<CommonPrefixes><Prefix>bench-10/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>bench-1000/</Prefix></CommonPrefixes></ListBucketResult>';

const DISTRIBUTION_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<DistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
  <CallerReference>runbook-1</CallerReference>
  <Aliases>
    <Quantity>2</Quantity>
    <Items>
      <CNAME>cdn.example.com</CNAME>
      <CNAME>static.example.com</CNAME>
    </Items>
  </Aliases>
  <DefaultRootObject></DefaultRootObject>
  <Origins><Quantity>1</Quantity><Items><Origin><Id>s3-origin</Id><DomainName>assets.s3.amazonaws.com</DomainName><OriginPath/></Origin></Items></Origins>
  <Comment>Tom &amp; Jerry&apos;s &lt;CDN&gt;</Comment>
  <Enabled>true</Enabled>
</DistributionConfig>
`;

test('real response shapes: an S3 listing, an error, a CloudFront config (indented, and with CRLF)', () => {
  assertSame(LISTING);
  assertSame('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>missing</BucketName><RequestId>4442587FB7D0A2F9</RequestId></Error>');
  assertSame(DISTRIBUTION_CONFIG);
  assertSame(DISTRIBUTION_CONFIG.replace(/\n/g, '\r\n'));
  assertSame(DISTRIBUTION_CONFIG.replace(/\n/g, '\r'));
  // The values themselves, so the comparison is not between two empty results.
  const listing = parseXML(LISTING) as { ListBucketResult: { Contents: { ETag: string }[]; CommonPrefixes: { Prefix: string }[] } };
  assert.equal(listing.ListBucketResult.Contents.length, 2);
  assert.equal(listing.ListBucketResult.Contents[0]!.ETag, '"d9ca7de2542baac01f7a5491f1d8343e"');
  assert.deepEqual(listing.ListBucketResult.CommonPrefixes.map((p) => p.Prefix), ['bench-10/', 'bench-1000/']);
  const config = parseXML(DISTRIBUTION_CONFIG) as { DistributionConfig: { Aliases: { Items: { CNAME: string[] } }; Comment: string; DefaultRootObject: string } };
  assert.deepEqual(config.DistributionConfig.Aliases.Items.CNAME, ['cdn.example.com', 'static.example.com']);
  assert.equal(config.DistributionConfig.Comment, "Tom & Jerry's <CDN>");
  assert.equal(config.DistributionConfig.DefaultRootObject, '');
});

test('a 1,000-key listing parses to the same 1,000 entries', () => {
  const contents = Array.from({ length: 1000 }, (_, i) => `<Contents><Key>bench-1000/object-${String(i).padStart(4, '0')}.json</Key><Size>${i}</Size><ETag>&quot;${i}&quot;</ETag></Contents>`);
  const xml = `<ListBucketResult><KeyCount>1000</KeyCount>${contents.join('')}</ListBucketResult>`;
  assertSame(xml);
  assert.equal((parseXML(xml) as { ListBucketResult: { Contents: unknown[] } }).ListBucketResult.Contents.length, 1000);
});

test('text, whitespace, entities, CDATA, comments, attributes and special names', () => {
  for (const xml of [
    '<a>text<b>1</b>more<b>2</b><b>3</b>end</a>',
    '<a>  </a>',
    '<a>\n  </a>',
    '<a>\n  <b>1</b>\n</a>',
    '<a>&amp;&lt;&gt;&quot;&apos;&#169;&#x1F600;&#65;&unknown;&</a>',
    '<a><![CDATA[<not> & a tag]]>after</a>',
    '<a><![CDATA[only]]></a>',
    '<!-- before --><?pi x?><a><!-- inside --><?pi?><b/></a><!-- after -->',
    '<!DOCTYPE a [<!ENTITY x "y">]><a>1</a>',
    '<!doctype a><a>1</a>',
    '<a x="1" y=\'two\' z="&lt;&#65;&#x42;">t</a>',
    '<a x="1"/>',
    '<a x = "1" ><b/></a>',
    '<a b>t</a>',
    '<a/>',
    '<a></a>',
    '<a></a >',
    '<a></a\n>',
    '<ns:a xmlns:ns="urn:x"><ns:b>1</ns:b></ns:a>',
    '<a><__proto__>x</__proto__><b>1</b></a>',
    '<a __proto__="p"><b/></a>',
    '<a><toString>1</toString></a>',
    '<a><b>1</b><b>2</b></a>trailing text is ignored',
  ]) {
    assertSame(xml);
  }
  const mixed = parseXML('<a>text<b>1</b>more</a>') as { a: Record<string, unknown> };
  assert.deepEqual(mixed.a, { '#text': 'textmore', b: '1' });
  const proto = parseXML('<a><__proto__>x</__proto__></a>') as { a: object };
  assert.equal(Object.getPrototypeOf(proto.a), Object.prototype, 'a tag named __proto__ is data, not a prototype');
});

test('entities: what the SDK\'s pattern decodes, and what it leaves', () => {
  const name31 = 'a'.repeat(31);
  for (const body of [
    '&quot;d9ca&quot;', '&&amp;', '&amp&amp;', '&#;', '&#x;', '&#X41;', '&#1234567;', '&#12345678;', '&#x10FFFF;', '&#x1234567;', '&#xFFFFFF;',
    `&${name31};`, `&${name31}a;`, '&a;&b1;&1b;', '&toString;', '&;', 'a & b ; c', 'tail&', 'tail&#', 'tail&#x4',
  ]) {
    assertSame(`<a>${body}</a>`);
    assertSame(`<a x="${body.replace(/"/g, '')}"/>`);
  }
  assert.deepEqual(parseXML('<a>&quot;x&quot; &#65;&#x42; &lt;&unknown;&gt;</a>'), { a: '"x" AB <>' });
});

test('malformed documents fail with the SDK\'s messages', () => {
  for (const xml of ['', '   ', 'text', '<a>', '<a><b></a>', '<a></b>', '<a', '<a/ >', '<a x="1"', '<a b c>', '<!-- x', '<!DOCTYPE a', '<?xml', '<a><![CDATA[x</a>']) {
    assertSame(xml);
    assert.ok('error' in outcome(parseXML, xml), `${JSON.stringify(xml)} is refused`);
  }
});

// Random documents built from the parts above, formatted at random; and each of them damaged at a random place.
const tag = fc.constantFrom('a', 'b', 'Key', 'Contents', 'Item', 'ns:x', '__proto__', 'toString');
const text = fc
  .array(
    fc.constantFrom(
      'a', 'Z', '0', 'x', 'F', '#', ';', ' ', '\t', '\n', '\r\n', '\r', 'é', '>', '"', "'", '=',
      '&', '&amp;', '&lt;', '&quot;', '&#65;', '&#x42;', '&#', '&#x', '&#x;', '&bogus;', '&a1;', '&1a;', '&#1234567;', '&#12345678;', '&#x10FFFF;', '&#x1234567;',
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));
const attrs = fc
  .array(fc.tuple(fc.constantFrom('x', 'y', 'xmlns', '__proto__'), text.map((t) => t.replace(/"/g, '')), fc.constantFrom(' ', '\n', '  ')), { maxLength: 3 })
  .map((list) => list.map(([name, value, space]) => `${space}${name}="${value}"`).join(''));
const misc = fc.oneof(
  text,
  text.map((t) => `<![CDATA[${t.replace(/]]>/g, '')}]]>`),
  fc.constantFrom('<!-- note -->', '<?pi data?>', '\n  ', '\r\n'),
);
const { element } = fc.letrec<{ element: string }>((tie) => ({
  element: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(tag, attrs).map(([t, a]) => `<${t}${a}/>`),
    fc.tuple(tag, attrs, text).map(([t, a, body]) => `<${t}${a}>${body}</${t}>`),
    fc.tuple(tag, attrs, fc.array(fc.oneof(tie('element'), misc), { maxLength: 5 }), fc.constantFrom('', ' ', '\n')).map(
      ([t, a, body, space]) => `<${t}${a}>${body.join('')}</${t}${space}>`,
    ),
  ),
}));
const documentText = fc
  .tuple(fc.constantFrom('', '<?xml version="1.0"?>\n', '<!-- c -->', '<!DOCTYPE r>', '  \n', '\r\n'), element, fc.constantFrom('', '\n', '<!-- end -->'))
  .map((parts) => parts.join(''));

test('random documents: the same value as the SDK\'s parser', () => {
  fc.assert(fc.property(documentText, (xml) => assertSame(xml)), { numRuns: 3000 });
});

test('random documents damaged at a random place: the same value or the same error', () => {
  const damaged = fc.tuple(documentText, fc.nat(), fc.constantFrom('cut', 'drop', 'insert'), fc.constantFrom('<', '>', '/', '&', '"', '=', ' ', '!', '?', ']')).map(([xml, at, how, c]) => {
    const i = xml.length ? at % xml.length : 0;
    if (how === 'cut') return xml.slice(0, i);
    if (how === 'drop') return xml.slice(0, i) + xml.slice(i + 1);
    return xml.slice(0, i) + c + xml.slice(i);
  });
  fc.assert(fc.property(damaged, (xml) => assertSame(xml)), { numRuns: 3000 });
});

test('the client bundles get our parser in the SDK\'s place, and keep the SDK\'s XML writer', async () => {
  const pluginModule = '../../scripts/sdkXmlParser.mjs';
  const { sdkXmlParser } = (await import(pluginModule)) as { sdkXmlParser: esbuild.Plugin };
  const built = await esbuild.build({
    stdin: { contents: "export * from '@aws-sdk/xml-builder';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    plugins: [sdkXmlParser],
  });
  const code = built.outputFiles[0]!.text;
  assert.ok(code.includes('src/clients/xmlParser.ts'), 'our parser is in the bundle');
  assert.ok(!code.includes('AwsXmlParser'), "the SDK's parser is not");
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  const bundled = module.exports as typeof import('@aws-sdk/xml-builder');
  assert.deepEqual(bundled.parseXML('<a><b>1</b></a>'), { a: { b: '1' } });
  const node = new bundled.XmlNode('Tag').addChildNode(new bundled.XmlText('x & y'));
  assert.equal(node.toString(), '<Tag>x &amp; y</Tag>');
});
