import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

export type Decision = 'approve' | 'return' | 'returnToPrevious' | 'reject';

/** Asks for the reason of a decision (required to return or reject, optional to approve). */
export function DecisionDialog(props: {
  decision: Decision | null;
  count: number;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: string | undefined) => void;
}) {
  const { t } = useTranslation('approvals');
  const [form] = Form.useForm<{ reason?: string }>();
  const needsReason = props.decision !== null && props.decision !== 'approve';
  return (
    <Modal
      open={props.decision !== null}
      title={props.decision ? t(`decision.${props.decision}`) : ''}
      okText={t('decision.confirm')}
      cancelText={t('decision.cancel')}
      confirmLoading={props.busy}
      onCancel={props.onCancel}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then((v) => {
          props.onConfirm(v.reason?.trim() || undefined);
          form.resetFields();
        })
      }
    >
      {props.count > 1 && <p>{t('decision.bulkCount', { count: props.count })}</p>}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('decision.reason')}
          rules={needsReason ? [{ required: true, whitespace: true, message: t('decision.reasonRequired') }] : []}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
