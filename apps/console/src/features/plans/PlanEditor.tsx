import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../components/format';
import type { PlanFormValues } from './plan-form';

export interface MeasureOption {
  measureId: string;
  text: { 'zh-CN': string; en: string };
}

/** Title, period and tasks (measures, lead unit, milestones, KPIs): read-only unless the plan may be saved. */
export function PlanEditor(props: {
  form: FormInstance<PlanFormValues>;
  initial: PlanFormValues;
  measures: MeasureOption[];
  readOnly: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation('plans');
  const localized = useLocalized();
  const measureOptions = props.measures.map((m) => ({ value: m.measureId, label: `${m.measureId} ${localized(m.text)}` }));
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Form<PlanFormValues>
      form={props.form}
      layout="vertical"
      initialValues={props.initial}
      disabled={props.readOnly}
      onValuesChange={props.onChange}
    >
      <Space wrap style={{ width: '100%' }} align="start">
        <Form.Item name="titleZh" label={t('field.titleZh')} rules={required(t('validation.titleZh'))} style={{ minWidth: 320 }}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="titleEn" label={t('field.titleEn')} style={{ minWidth: 320 }}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="period" label={t('field.period')}>
          <DatePicker.RangePicker />
        </Form.Item>
      </Space>
      <Form.List name="tasks">
        {(tasks, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {tasks.map((task, index) => (
              <Card
                key={task.key}
                size="small"
                title={t('task.title', { index: index + 1 })}
                extra={
                  !props.readOnly && (
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(task.name)}>
                      {t('task.remove')}
                    </Button>
                  )
                }
              >
                <Space wrap align="start" style={{ width: '100%' }}>
                  <Form.Item name={[task.name, 'id']} label={t('task.id')} rules={required(t('validation.taskId'))}>
                    <Input maxLength={64} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[task.name, 'leadUnit']} label={t('task.leadUnit')} rules={required(t('validation.leadUnit'))}>
                    <Input maxLength={200} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[task.name, 'supportingUnits']} label={t('task.supportingUnits')}>
                    <Select mode="tags" style={{ minWidth: 240 }} tokenSeparators={[',', '，', '、']} />
                  </Form.Item>
                  <Form.Item name={[task.name, 'keyProgram']} label={t('task.keyProgram')} valuePropName="checked">
                    <Checkbox>{t('task.keyProgramYes')}</Checkbox>
                  </Form.Item>
                </Space>
                <Form.Item name={[task.name, 'description']} label={t('task.description')} rules={required(t('validation.description'))}>
                  <Input.TextArea rows={3} maxLength={4000} showCount />
                </Form.Item>
                <Form.Item
                  name={[task.name, 'measureIds']}
                  label={t('task.measures')}
                  rules={[{ required: true, type: 'array', min: 1, message: t('validation.measures') }]}
                >
                  <Select mode="multiple" options={measureOptions} optionFilterProp="label" placeholder={t('task.measuresPlaceholder')} />
                </Form.Item>
                <Form.List name={[task.name, 'milestones']}>
                  {(items, ops) => (
                    <Card size="small" type="inner" title={t('milestone.title')} style={{ marginBottom: 8 }}>
                      {items.map((m) => (
                        <Space key={m.key} wrap align="start">
                          <Form.Item name={[m.name, 'title']} label={t('milestone.name')} rules={required(t('validation.milestone'))}>
                            <Input maxLength={500} style={{ width: 280 }} />
                          </Form.Item>
                          <Form.Item name={[m.name, 'due']} label={t('milestone.due')} rules={[{ required: true, message: t('validation.due') }]}>
                            <DatePicker />
                          </Form.Item>
                          {!props.readOnly && (
                            <Button aria-label={t('milestone.remove')} icon={<DeleteOutlined />} onClick={() => ops.remove(m.name)} style={{ marginTop: 30 }} />
                          )}
                        </Space>
                      ))}
                      {!props.readOnly && (
                        <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({ title: '' })}>
                          {t('milestone.add')}
                        </Button>
                      )}
                    </Card>
                  )}
                </Form.List>
                <Form.List name={[task.name, 'kpis']}>
                  {(items, ops) => (
                    <Card size="small" type="inner" title={t('kpi.title')}>
                      {items.map((k) => (
                        <Space key={k.key} wrap align="start">
                          <Form.Item name={[k.name, 'name']} label={t('kpi.name')} rules={required(t('validation.kpiName'))}>
                            <Input maxLength={200} style={{ width: 200 }} />
                          </Form.Item>
                          <Form.Item name={[k.name, 'unit']} label={t('kpi.unit')} rules={required(t('validation.kpiUnit'))}>
                            <Input maxLength={50} style={{ width: 90 }} />
                          </Form.Item>
                          <Form.Item name={[k.name, 'baseline']} label={t('kpi.baseline')} rules={[{ required: true, message: t('validation.number') }]}>
                            <InputNumber />
                          </Form.Item>
                          <Form.Item name={[k.name, 'target']} label={t('kpi.target')} rules={[{ required: true, message: t('validation.number') }]}>
                            <InputNumber />
                          </Form.Item>
                          <Form.Item name={[k.name, 'due']} label={t('kpi.due')} rules={[{ required: true, message: t('validation.due') }]}>
                            <DatePicker />
                          </Form.Item>
                          {!props.readOnly && (
                            <Button aria-label={t('kpi.remove')} icon={<DeleteOutlined />} onClick={() => ops.remove(k.name)} style={{ marginTop: 30 }} />
                          )}
                        </Space>
                      ))}
                      {!props.readOnly && (
                        <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({ name: '', unit: '' })}>
                          {t('kpi.add')}
                        </Button>
                      )}
                    </Card>
                  )}
                </Form.List>
              </Card>
            ))}
            {!props.readOnly && (
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    id: `T${tasks.length + 1}`,
                    description: '',
                    leadUnit: '',
                    supportingUnits: [],
                    measureIds: [],
                    keyProgram: false,
                    milestones: [],
                    kpis: [],
                  })
                }
              >
                {t('task.add')}
              </Button>
            )}
          </Space>
        )}
      </Form.List>
    </Form>
  );
}
