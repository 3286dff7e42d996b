import { useTranslation } from 'react-i18next';
import type { IdentifiedResident } from '../../shared/contract';

/** Who is signed in, and whether the server has confirmed it. */
export function ResidentBanner(props: { resident: IdentifiedResident }) {
  const { t } = useTranslation();
  const { resident } = props;
  return (
    <p className="resident-banner">
      <span>{resident.name ?? t('session.unverifiedName', { nik: resident.maskedNik })}</span>
      {!resident.online && <span className="badge badge-warn">{t('session.offlineBadge')}</span>}
    </p>
  );
}
