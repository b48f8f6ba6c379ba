/** Suggested column mappings for header rows as staff lists and registry exports write them. */
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../server/import/mapping.js';

describe('suggestMapping', () => {
  it('maps a typical Chinese header row', () => {
    const columns = [
      '序号',
      '企业名称',
      '简称',
      '统一社会信用代码',
      '所在区',
      '所属园区',
      '产业链环节',
      '注册资本（万元）',
      '成立日期',
      '注册地址',
      '官网',
      '联系人',
      '联系电话',
      '员工人数',
      '企业资质',
      '主营产品',
      '企业简介',
      '英文名',
      '备注',
    ];
    expect(suggestMapping(columns)).toEqual({
      序号: null,
      企业名称: 'name',
      简称: 'aliases',
      统一社会信用代码: 'creditCode',
      所在区: 'region',
      所属园区: 'park',
      产业链环节: 'segment',
      '注册资本（万元）': 'registeredCapital',
      成立日期: 'founded',
      注册地址: 'address',
      官网: 'website',
      // 联系电话 is the better contact; a field goes to one column only.
      联系人: null,
      联系电话: 'contact',
      员工人数: 'headcount',
      企业资质: 'qualifications',
      主营产品: 'products',
      企业简介: 'description',
      英文名: 'nameEn',
      备注: 'note',
    });
  });

  it('maps English headers, ignoring case, spaces and required marks', () => {
    expect(suggestMapping(['Company Name*', 'Alias', 'Type', 'District', 'USCC', 'Website', 'Founded', 'Remarks'])).toEqual({
      'Company Name*': 'name',
      Alias: 'aliases',
      Type: 'type',
      District: 'region',
      USCC: 'creditCode',
      Website: 'website',
      Founded: 'founded',
      Remarks: 'note',
    });
  });

  it('maps longer headers by keyword, the more specific field first', () => {
    expect(suggestMapping(['企业统一社会信用代码', '园区名称', '园区地址', '所在街镇', '细分领域', '企业英文名称', '单位名称'])).toEqual({
      企业统一社会信用代码: 'creditCode',
      园区名称: 'park',
      园区地址: 'address',
      所在街镇: 'region',
      细分领域: 'segment',
      企业英文名称: 'nameEn',
      单位名称: 'name',
    });
  });

  it('gives each field one column: the better synonym, then the leftmost', () => {
    expect(suggestMapping(['名称', '企业名称', '地址', '地址 (B)'])).toEqual({
      名称: null,
      企业名称: 'name',
      地址: 'address',
      '地址 (B)': null,
    });
  });

  it('leaves 企业类型 (a legal form in registry exports) and unknown headers unmapped', () => {
    expect(suggestMapping(['企业名称', '企业类型', '法定代表人', '列C'])).toEqual({
      企业名称: 'name',
      企业类型: null,
      法定代表人: null,
      列C: null,
    });
  });
});
