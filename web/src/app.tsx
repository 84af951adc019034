import { Notifications } from "@mantine/notifications";
import { lazy, Suspense } from "react";
import { createBrowserRouter, Outlet, RouterProvider } from "react-router";
import { AppLayout } from "./components/app-layout.tsx";
import { PublicOnly, RequireAuth, RootRedirect } from "./components/guards.tsx";
import { PageLoader } from "./components/page-loader.tsx";

// Every screen is its own chunk, fetched when first visited.
const SignIn = lazy(() => import("./routes/sign-in.tsx"));
const SignUp = lazy(() => import("./routes/sign-up.tsx"));
const ForgotPassword = lazy(() => import("./routes/forgot-password.tsx"));
const ResetPassword = lazy(() => import("./routes/reset-password.tsx"));
const ConfirmEmail = lazy(() => import("./routes/confirm-email.tsx"));
const AuthConfirmed = lazy(() => import("./routes/auth-confirmed.tsx"));
const AuthError = lazy(() => import("./routes/auth-error.tsx"));
const Dashboard = lazy(() => import("./routes/dashboard.tsx"));
const Onboarding = lazy(() => import("./routes/onboarding.tsx"));
const ProfilePage = lazy(() => import("./routes/profile.tsx"));
const Resumes = lazy(() => import("./routes/resumes.tsx"));
const ResumeDetail = lazy(() => import("./routes/resume-detail.tsx"));
const Roles = lazy(() => import("./routes/roles.tsx"));
const RoleDetail = lazy(() => import("./routes/role-detail.tsx"));
const NewInterview = lazy(() => import("./routes/new-interview.tsx"));
const InterviewRoom = lazy(() => import("./routes/interview-room.tsx"));
const ReportPage = lazy(() => import("./routes/report.tsx"));
const History = lazy(() => import("./routes/history.tsx"));
const AdminSettings = lazy(() => import("./routes/admin-settings.tsx"));
const AdminCatalog = lazy(() => import("./routes/admin-catalog.tsx"));
const AdminAiLogs = lazy(() => import("./routes/admin-ai-logs.tsx"));
const AdminUsers = lazy(() => import("./routes/admin-users.tsx"));
const NotFound = lazy(() => import("./routes/not-found.tsx"));

/** The root: notifications live inside the router so their content may link to screens. */
function Root() {
  return (
    <>
      <Notifications position="top-right" />
      <Outlet />
    </>
  );
}

function Bare() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: "/", element: <RootRedirect /> },
      {
        element: <Bare />,
        children: [
          {
            element: <PublicOnly />,
            children: [
              { path: "/sign-in", element: <SignIn /> },
              { path: "/sign-up", element: <SignUp /> },
              { path: "/forgot-password", element: <ForgotPassword /> },
              { path: "/confirm-email", element: <ConfirmEmail /> },
            ],
          },
          { path: "/reset-password", element: <ResetPassword /> },
          { path: "/auth/confirmed", element: <AuthConfirmed /> },
          { path: "/auth/error", element: <AuthError /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { path: "/dashboard", element: <Dashboard /> },
              { path: "/onboarding", element: <Onboarding /> },
              { path: "/profile", element: <ProfilePage /> },
              { path: "/resumes", element: <Resumes /> },
              { path: "/resumes/:id", element: <ResumeDetail /> },
              { path: "/roles", element: <Roles /> },
              { path: "/roles/:id", element: <RoleDetail /> },
              { path: "/interviews/new", element: <NewInterview /> },
              { path: "/interviews/:id/room", element: <InterviewRoom /> },
              { path: "/interviews/:id/report", element: <ReportPage /> },
              { path: "/history", element: <History /> },
              { path: "/admin/settings", element: <AdminSettings /> },
              { path: "/admin/catalog", element: <AdminCatalog /> },
              { path: "/admin/ai-logs", element: <AdminAiLogs /> },
              { path: "/admin/users", element: <AdminUsers /> },
              { path: "*", element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
