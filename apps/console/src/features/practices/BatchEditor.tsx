import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { useLocalized } from '../../components/format';
import { usePlaces } from '../../components/places';
import { useNotify } from '../../components/useNotify';

export type Batch = Outputs['batch']['list'][number];
type PoolEntry = Outputs['practice']['recommendedPool'][number];
interface BatchValues {
  number: number;
  titleZh: string;
  titleEn?: string;
  publisher?: string;
  releaseDate: Dayjs;
  themes: { nameZh: string; nameEn?: string; practiceIds: string[] }[];
}

const toValues = (b: Batch | null): Partial<BatchValues> =>
  b
    ? {
        number: b.number,
        titleZh: b.title['zh-CN'],
        titleEn: b.title.en,
        publisher: b.publisher,
        releaseDate: dayjs(b.releaseDate),
        themes: b.themes.map((th) => ({ nameZh: th.name['zh-CN'], nameEn: th.name.en, practiceIds: th.practiceIds })),
      }
    : { themes: [{ nameZh: '', nameEn: '', practiceIds: [] }] };

/** Composes a batch (number, title, publisher, release date, themes of recommended cases), or edits one before publication. */
export function BatchEditor({ batch, pool, open, onClose, onSaved }: { batch: Batch | null; pool: PoolEntry[]; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('practices');
  const localized = useLocalized();
  const places = usePlaces();
  const notify = useNotify();
  const [form] = Form.useForm<BatchValues>();
  // a case belongs to one batch: offer the free ones and those of this batch
  const options = pool
    .filter((p) => p.batchId === null || p.batchId === batch?.id)
    .map((p) => ({ value: p.id, label: `${localized(p.title)}（${places.pilotArea(p.pilotAreaId)}）` }));
  const save = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      const content = {
        number: v.number,
        title: { 'zh-CN': v.titleZh.trim(), en: (v.titleEn ?? '').trim() },
        ...(v.publisher?.trim() ? { publisher: v.publisher.trim() } : {}),
        releaseDate: v.releaseDate.format('YYYY-MM-DD'),
        themes: (v.themes ?? []).map((th) => ({
          name: { 'zh-CN': th.nameZh.trim(), en: (th.nameEn ?? '').trim() },
          practiceIds: th.practiceIds ?? [],
        })),
      };
      return batch ? api.batch.save.mutate({ batchId: batch.id, version: batch.version, ...content }) : api.batch.create.mutate(content);
    },
    onSuccess: () => {
      notify.done(t('batches.saved'));
      onSaved();
    },
    onError: (error) => {
      if (!(error && typeof error === 'object' && 'errorFields' in error)) notify.failed(error);
    },
  });
  return (
    <Modal
      open={open}
      width={760}
      title={batch ? t('batchForm.editTitle', { number: batch.number }) : t('batchForm.createTitle')}
      okText={t('batchForm.save')}
      cancelText={t('batchForm.cancel')}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={toValues(batch)}>
        <Form.Item name="number" label={t('batchForm.number')} rules={[{ required: true, message: t('batchForm.numberRequired') }]}>
          <InputNumber min={1} max={999} precision={0} />
        </Form.Item>
        <Form.Item name="titleZh" label={t('batchForm.titleZh')} rules={[{ required: true, whitespace: true, message: t('batchForm.titleZhRequired') }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="titleEn" label={t('batchForm.titleEn')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="publisher" label={t('batchForm.publisher')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="releaseDate" label={t('batchForm.releaseDate')} rules={[{ required: true, message: t('batchForm.releaseDateRequired') }]}>
          <DatePicker />
        </Form.Item>
        <Form.List name="themes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`${t('batchForm.themes')} ${i + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={<Button size="small" icon={<DeleteOutlined />} aria-label={t('batchForm.removeTheme')} onClick={() => remove(field.name)} />}
                >
                  <Form.Item
                    name={[field.name, 'nameZh']}
                    label={t('batchForm.themeZh')}
                    rules={[{ required: true, whitespace: true, message: t('batchForm.themeNameRequired') }]}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'nameEn']} label={t('batchForm.themeEn')}>
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'practiceIds']} label={t('batchForm.themePractices')}>
                    <Select mode="multiple" optionFilterProp="label" options={options} />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ nameZh: '', nameEn: '', practiceIds: [] })}>
                {t('batchForm.addTheme')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
