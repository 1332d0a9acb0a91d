import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/trpc-client';
import { useLocalized } from '../../components/format';
import { usePlaces } from '../../components/places';
import { useNotify } from '../../components/useNotify';
import { useSession } from '../../app/SessionProvider';

interface DeclareValues {
  pilotAreaId?: string;
  localUnit: string;
  date: Dayjs;
  planId?: string;
  planTaskId?: string;
}

/** A province (or one of its areas) declares it replicates a published practice: planned. */
export function AdoptionDeclareDialog({
  practice,
  open,
  onClose,
}: {
  practice: { id: string; title: { 'zh-CN': string; en: string } };
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('practices');
  const localized = useLocalized();
  const places = usePlaces();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { state } = useSession();
  const [form] = Form.useForm<DeclareValues>();
  const user = state?.user;
  const areaOfficer = !!user && !user.roles.includes('province-officer');
  const declare = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return api.adoption.declare.mutate({
        practiceId: practice.id,
        ...(v.pilotAreaId ? { pilotAreaId: v.pilotAreaId } : {}),
        localUnit: v.localUnit.trim(),
        date: v.date.format('YYYY-MM-DD'),
        ...(v.planId?.trim() ? { planId: v.planId.trim() } : {}),
        ...(v.planTaskId?.trim() ? { planTaskId: v.planTaskId.trim() } : {}),
      });
    },
    onSuccess: () => {
      notify.done(t('adopt.declared'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['adoption.list'] });
      void queryClient.invalidateQueries({ queryKey: ['library.lineage', practice.id] });
      onClose();
    },
    onError: (error) => {
      // a refusal of the fields stays in the form; what the server refused is shown with its trace id
      if (!(error && typeof error === 'object' && 'errorFields' in error)) notify.failed(error);
    },
  });
  return (
    <Modal
      open={open}
      title={t('adopt.title', { title: localized(practice.title) })}
      okText={t('adopt.submit')}
      cancelText={t('adopt.cancel')}
      confirmLoading={declare.isPending}
      onOk={() => declare.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        {!areaOfficer && (
          <Form.Item name="pilotAreaId" label={t('adopt.pilotArea')}>
            <Select
              allowClear
              options={places.pilotAreas
                .filter((a) => a.province === user?.tenant)
                .map((a) => ({ value: a.id, label: localized(a.name) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="localUnit" label={t('adopt.localUnit')} rules={[{ required: true, whitespace: true, message: t('adopt.localUnitRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="date" label={t('adopt.date')} rules={[{ required: true, message: t('adopt.dateRequired') }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="planId" label={t('adopt.planId')}>
          <Input maxLength={128} />
        </Form.Item>
        <Form.Item name="planTaskId" label={t('adopt.planTaskId')}>
          <Input maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
