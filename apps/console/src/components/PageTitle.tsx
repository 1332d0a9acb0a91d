import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-toolbar" style={{ justifyContent: 'space-between' }}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}
