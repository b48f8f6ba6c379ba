/** Who is using the app and what they may do, from `me`; sign in and out. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { execute, type GraphQLRequestError, toRequestError } from '../api/graphql-client.js';
import { useGraphQL } from '../api/query-client.js';
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

/** Signing in or out changes what every answer may contain. */
function useResetAfter<V>(run: (vars: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation<unknown, GraphQLRequestError, V>({
    mutationFn: async (vars) => {
      try {
        return await run(vars);
      } catch (err) {
        throw toRequestError(err);
      }
    },
    // Every cached answer is dropped and the queries on screen (`me` first) are asked again.
    onSuccess: () => client.resetQueries(),
  });
}

export const useLogin = () => useResetAfter((vars: { username: string; password: string }) => execute(LoginDocument, vars));
export const useLogout = () => useResetAfter(() => execute(LogoutDocument, {}));
export const useLogoutEverywhere = () => useResetAfter(() => execute(LogoutEverywhereDocument, {}));

/** Changing the password ends the account's other sessions; this one goes on. */
export function useChangePassword() {
  return useMutation<unknown, GraphQLRequestError, { current: string; next: string }>({
    mutationFn: async (vars) => {
      try {
        return await execute(ChangePasswordDocument, vars);
      } catch (err) {
        throw toRequestError(err);
      }
    },
  });
}
