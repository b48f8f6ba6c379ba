/** Who is using the app and what they may do, from `me`; sign in and out. */
import type { QueryClient } from '@tanstack/react-query';
import { useGraphQL, useGraphQLMutation } from '../api/query-client.js';
import { keys } from '../api/query-keys.js';
import { graphql } from '../gql/index.js';
import type { MeQuery, Role } from '../gql/graphql.js';
import { roleAllows } from '../../../shared/model/index.js';

export const UserFieldsFragmentDoc = graphql(`
  fragment UserFields on User {
    id
    username
    displayName
    role
    disabled
    createdAt
    lastLoginAt
    region {
      ...EntityRef
    }
  }
`);

const MeDocument = graphql(`
  query Me {
    me {
      role
      localMode
      accountsEnabled
      user {
        ...UserFields
      }
    }
  }
`);

const LoginDocument = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      role
    }
  }
`);

const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

const LogoutEverywhereDocument = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($current: String!, $next: String!) {
    changePassword(current: $current, next: $next)
  }
`);

export type Viewer = MeQuery['me'];

export function useViewer() {
  return useGraphQL(keys.me(), MeDocument, {});
}

/** True when the viewer may do what `needed` may (false while unknown or signed out). */
export const can = (viewer: Viewer | undefined, needed: Role): boolean => Boolean(viewer?.role && roleAllows(viewer.role, needed));

/** Signing in or out changes what every answer may contain: every cached answer is dropped and the queries on screen (`me` first) are asked again. */
const resetAll = (client: QueryClient) => client.resetQueries();

export const useLogin = () => useGraphQLMutation(LoginDocument, resetAll);
export const useLogout = () => useGraphQLMutation(LogoutDocument, resetAll);
export const useLogoutEverywhere = () => useGraphQLMutation(LogoutEverywhereDocument, resetAll);
/** Changing the password ends the account's other sessions; this one goes on. */
export const useChangePassword = () => useGraphQLMutation(ChangePasswordDocument);
