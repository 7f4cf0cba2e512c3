/** «Кружки и секции» in the guardian's cabinet: the catalogue, the children's certificates, applications and contracts. */
import { NavLink } from 'react-router';

export function ExtraTabs() {
  return (
    <nav className="extra-tabs" aria-label="Кружки и секции">
      <NavLink to="/guardian/extra" end>
        Каталог
      </NavLink>
      <NavLink to="/guardian/extra/certificates">Сертификаты ПФДО</NavLink>
      <NavLink to="/guardian/extra/applications">Мои заявления и договоры</NavLink>
    </nav>
  );
}
