import { Suspense, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpin } from './components/FullPageSpin.js';
import { RequireAccess, RequireAuth } from './layout/RequireAuth.js';

/**
 * The one route table. Every page is lazy-loaded so the first download stays small; a page
 * whose `requires` API route the role may not call renders the 403 page instead.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const NotFoundPage = page(() => import('./components/ResultPages.js'), 'NotFoundPage');
const SetupPage = page(() => import('./features/setup/SetupPage.js'), 'SetupPage');
const LoginPage = page(() => import('./features/auth/LoginPage.js'), 'LoginPage');
const HomePage = page(() => import('./features/home/HomePage.js'), 'HomePage');
const UnitsPage = page(() => import('./features/units/UnitsPage.js'), 'UnitsPage');
const UsersPage = page(() => import('./features/users/UsersPage.js'), 'UsersPage');
const AuditPage = page(() => import('./features/audit/AuditPage.js'), 'AuditPage');
const SecurityPage = page(() => import('./features/security/SecurityPage.js'), 'SecurityPage');
const SessionsPage = page(() => import('./features/account/SessionsPage.js'), 'SessionsPage');
const ChangePasswordPage = page(() => import('./features/account/ChangePasswordPage.js'), 'ChangePasswordPage');
const ProjectsPage = page(() => import('./features/projects/ProjectsPage.js'), 'ProjectsPage');
const ProjectsBoardPage = page(() => import('./features/projects/ProjectsBoardPage.js'), 'ProjectsBoardPage');
const ProjectPage = page(() => import('./features/projects/ProjectPage.js'), 'ProjectPage');
const ImportPage = page(() => import('./features/projects/ImportPage.js'), 'ImportPage');
const GoalsPage = page(() => import('./features/goals/GoalsPage.js'), 'GoalsPage');
const CockpitPage = page(() => import('./features/cockpit/CockpitPage.js'), 'CockpitPage');
const LightsPage = page(() => import('./features/lights/LightsPage.js'), 'LightsPage');
const LightRulesPage = page(() => import('./features/lights/LightRulesPage.js'), 'LightRulesPage');
const MeetingsPage = page(() => import('./features/meetings/MeetingsPage.js'), 'MeetingsPage');
const MeetingPage = page(() => import('./features/meetings/MeetingPage.js'), 'MeetingPage');
const PortfolioGanttPage = page(() => import('./features/milestones/PortfolioGanttPage.js'), 'PortfolioGanttPage');
const MyMilestonesPage = page(() => import('./features/milestones/MyMilestonesPage.js'), 'MyMilestonesPage');
const TemplatesPage = page(() => import('./features/milestones/TemplatesPage.js'), 'TemplatesPage');
const CalendarPage = page(() => import('./features/milestones/CalendarPage.js'), 'CalendarPage');
const InboxPage = page(() => import('./features/notifications/InboxPage.js'), 'InboxPage');
const ChannelsPage = page(() => import('./features/notifications/ChannelsPage.js'), 'ChannelsPage');
const DeliveriesPage = page(() => import('./features/notifications/DeliveriesPage.js'), 'DeliveriesPage');
const NotifySettingsPage = page(() => import('./features/notifications/NotifySettingsPage.js'), 'NotifySettingsPage');
const MyReportsPage = page(() => import('./features/reports/MyReportsPage.js'), 'MyReportsPage');
const ReviewPage = page(() => import('./features/reports/ReviewPage.js'), 'ReviewPage');
const ProblemsPage = page(() => import('./features/problems/ProblemsPage.js'), 'ProblemsPage');
const BulletinsPage = page(() => import('./features/bulletins/BulletinsPage.js'), 'BulletinsPage');
const BulletinPage = page(() => import('./features/bulletins/BulletinPage.js'), 'BulletinPage');
const ActionsPage = page(() => import('./features/problems/ActionsPage.js'), 'ActionsPage');
const DispatchSettingsPage = page(() => import('./features/problems/DispatchSettingsPage.js'), 'DispatchSettingsPage');

function publicPage(Page: ComponentType) {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Page />
    </Suspense>
  );
}

function guarded(route: string, Page: ComponentType) {
  return (
    <RequireAccess route={route}>
      <Page />
    </RequireAccess>
  );
}

export const routes: RouteObject[] = [
  { path: '/setup', element: publicPage(SetupPage) },
  { path: '/login', element: publicPage(LoginPage) },
  {
    path: '/',
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'goals', element: guarded('GET /api/goals', GoalsPage) },
      { path: 'lights', element: guarded('GET /api/lights', LightsPage) },
      { path: 'cockpit', element: guarded('GET /api/dashboard', CockpitPage) },
      { path: 'meetings', element: guarded('GET /api/meetings', MeetingsPage) },
      { path: 'meetings/:id', element: guarded('GET /api/meetings/:id', MeetingPage) },
      { path: 'gantt', element: guarded('GET /api/gantt', PortfolioGanttPage) },
      { path: 'my-milestones', element: guarded('GET /api/my/milestones', MyMilestonesPage) },
      { path: 'reports', element: guarded('PUT /api/reports/:id', MyReportsPage) },
      { path: 'reports/review', element: guarded('POST /api/reports/:id/accept', ReviewPage) },
      { path: 'problems', element: guarded('GET /api/problems', ProblemsPage) },
      { path: 'bulletins', element: guarded('GET /api/bulletins', BulletinsPage) },
      { path: 'bulletins/:id', element: guarded('GET /api/bulletins/:id', BulletinPage) },
      { path: 'actions', element: guarded('GET /api/actions', ActionsPage) },
      {
        path: 'settings',
        children: [
          { path: 'milestone-templates', element: guarded('POST /api/milestone-templates', TemplatesPage) },
          { path: 'calendar', element: guarded('PUT /api/calendar/:date', CalendarPage) },
          { path: 'light-rules', element: guarded('PUT /api/light-rules', LightRulesPage) },
        ],
      },
      { path: 'notifications', element: <InboxPage /> },
      {
        path: 'notify',
        children: [
          { path: 'channels', element: guarded('GET /api/notification-channels', ChannelsPage) },
          { path: 'deliveries', element: guarded('GET /api/notification-deliveries', DeliveriesPage) },
          { path: 'dispatch', element: guarded('PUT /api/escalation-ladder', DispatchSettingsPage) },
        ],
      },
      { path: 'units', element: guarded('GET /api/units', UnitsPage) },
      { path: 'users', element: guarded('GET /api/users', UsersPage) },
      { path: 'audit', element: guarded('GET /api/audit', AuditPage) },
      { path: 'security', element: guarded('GET /api/settings/security', SecurityPage) },
      {
        path: 'projects',
        children: [
          { index: true, element: guarded('GET /api/projects', ProjectsPage) },
          { path: 'board', element: guarded('GET /api/projects/summary', ProjectsBoardPage) },
          { path: 'import', element: guarded('POST /api/projects/import', ImportPage) },
          { path: ':id', element: guarded('GET /api/projects/:id', ProjectPage) },
        ],
      },
      {
        path: 'account',
        children: [
          { index: true, element: <Navigate to="sessions" replace /> },
          { path: 'sessions', element: <SessionsPage /> },
          { path: 'password', element: <ChangePasswordPage /> },
          { path: 'notifications', element: <NotifySettingsPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
