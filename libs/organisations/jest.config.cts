module.exports = {
  displayName: 'organisations',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/organisations',
};
