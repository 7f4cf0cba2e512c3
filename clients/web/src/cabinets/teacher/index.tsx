import { Route, Routes } from 'react-router';
import { Page } from '../../ui/kit.tsx';

function Home() {
  return <Page title="Кабинет">Раздел в разработке.</Page>;
}

export default function CabinetRoutes() {
  return (
    <Routes>
      <Route index element={<Home />} />
    </Routes>
  );
}
